-- Drives a real headless Neovim (0.7+, Debian's) against the Observability Lint language server:
-- attach, wait for diagnostics, request code actions, apply the one named by ACTION_TITLE, write the
-- file, and wait for the diagnostic to clear. Results go to OUT as JSON; failure exits non-zero.
-- Env: LSP_CMD (server command line), OUT (result path), ACTION_TITLE (code action to apply).
local out_path = assert(os.getenv('OUT'), 'OUT is required')
local server_cmd = vim.split(assert(os.getenv('LSP_CMD'), 'LSP_CMD is required'), ' ', { trimempty = true })
local wanted_title = assert(os.getenv('ACTION_TITLE'), 'ACTION_TITLE is required')
local result = { steps = {} }
local started = vim.loop.hrtime()

local function step(text)
  table.insert(result.steps, math.floor((vim.loop.hrtime() - started) / 1e6) .. 'ms ' .. text)
end

local function finish(ok)
  result.ok = ok
  vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
  vim.cmd(ok and 'qall!' or 'cquit 1')
end

local published = {}

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local client_id = vim.lsp.start_client({
    name = 'observability-lint',
    cmd = server_cmd,
    root_dir = vim.fn.fnamemodify(fname, ':h:h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        published[params.uri] = params.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  if not client_id then step('the server did not start'); return finish(false) end
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(15000, function() return client.initialized end, 20) then step('initialize timed out'); return finish(false) end
  step('initialized')

  if not vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then step('no diagnostics'); return finish(false) end
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source })
  end
  step('diagnostics: ' .. #result.diagnostics)

  local uri = vim.uri_from_bufnr(bufnr)
  local diagnostic = published[uri][1]
  local params = { textDocument = { uri = uri }, range = diagnostic.range, context = { diagnostics = { diagnostic } } }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000)
  local chosen
  result.code_actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.code_actions, action.title)
      if action.title == wanted_title then chosen = action end
    end
  end
  if not chosen then step('no code action titled ' .. wanted_title); return finish(false) end
  step('applying: ' .. chosen.title)

  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  vim.cmd('write')
  step('written')
  vim.wait(15000, function() return #vim.diagnostic.get(bufnr) == 0 end, 20)
  result.diagnostics_after = #vim.diagnostic.get(bufnr)
  step('diagnostics after the fix: ' .. result.diagnostics_after)
  vim.lsp.stop_client(client_id)
  finish(result.diagnostics_after == 0)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then step('error: ' .. tostring(err)); finish(false) end
  end,
})
