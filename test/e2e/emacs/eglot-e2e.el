;;; eglot-e2e.el --- Headless Emacs + eglot end-to-end test of the Observability Lint language server.
;; emacs --batch -l eglot-e2e.el ; env: OUT (result JSON), E2E_FILE (a .js file), LSP_SERVER_JS (server bin),
;; ACTION_TITLE (the quick fix to apply). Exit 0 means the diagnostic appeared, the fix applied and it cleared.
(require 'eglot)
(require 'json)
(require 'flymake)

(defvar e2e-out (getenv "OUT"))
(defvar e2e-file (getenv "E2E_FILE"))
(defvar e2e-title (getenv "ACTION_TITLE"))
(defvar e2e-started (float-time))
(defvar e2e-steps nil)

(defun e2e-step (text)
  (push (format "%dms %s" (round (* 1000 (- (float-time) e2e-started))) text) e2e-steps))

(defun e2e-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun e2e-finish (ok result)
  (with-temp-file e2e-out
    (insert (json-encode (append `((ok . ,(if ok t :json-false)) (steps . ,(vconcat (reverse e2e-steps)))) result))))
  (kill-emacs (if ok 0 1)))

(setq eglot-server-programs `((js-mode . ("node" ,(getenv "LSP_SERVER_JS") "--stdio"))))
;; The project is the file's parent directory's parent (where package.json is).
(setq project-find-functions (list (lambda (_dir) (cons 'transient (file-name-directory (directory-file-name (file-name-directory e2e-file)))))))

(condition-case err
    (progn
      (find-file e2e-file)
      (e2e-step (format "visiting %s in %s" e2e-file major-mode))
      (apply #'eglot (eglot--guess-contact))
      (e2e-step "eglot connected")
      (unless (e2e-wait (lambda () (flymake-start) (flymake-diagnostics)) 20)
        (e2e-step "no diagnostics")
        (e2e-finish nil nil))
      (let* ((diagnostics (flymake-diagnostics))
             (texts (mapcar #'flymake-diagnostic-text diagnostics))
             (diagnostic (car diagnostics))
             (actions (eglot-code-actions (flymake-diagnostic-beg diagnostic) (flymake-diagnostic-end diagnostic) "quickfix"))
             (titles (mapcar (lambda (action) (plist-get action :title)) actions))
             (chosen (seq-find (lambda (action) (equal (plist-get action :title) e2e-title)) actions)))
        (e2e-step (format "diagnostics: %d; actions: %S" (length diagnostics) titles))
        (unless chosen
          (e2e-step "the wanted action is missing")
          (e2e-finish nil `((actions . ,(vconcat titles)))))
        (eglot--apply-workspace-edit (plist-get chosen :edit))
        (save-buffer)
        (e2e-step "edit applied and saved")
        (e2e-wait (lambda () (flymake-start) (null (flymake-diagnostics))) 20)
        (let ((left (length (flymake-diagnostics)))
              (after (with-temp-buffer (insert-file-contents e2e-file) (buffer-string))))
          (e2e-step (format "diagnostics after the fix: %d" left))
          (eglot-shutdown (eglot-current-server))
          (e2e-finish (= left 0) `((diagnostics . ,(vconcat texts)) (actions . ,(vconcat titles)) (file_after . ,after))))))
  (error (e2e-step (format "error: %S" err)) (e2e-finish nil nil)))
