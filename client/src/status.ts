import * as vscode from 'vscode';

export type ServerStatus = 'starting' | 'running' | 'disabled' | 'stopped' | 'error';

const LOOK: Readonly<Record<ServerStatus, { text: string; tooltip: string; background?: string }>> = {
  starting: { text: '$(sync~spin) Observability', tooltip: 'Observability Lint is starting' },
  running: { text: '$(pulse) Observability', tooltip: 'Observability Lint is running. Click for its output.' },
  disabled: {
    text: '$(circle-slash) Observability',
    tooltip: 'Observability Lint is disabled (observabilityLint.enable). Click for its output.',
  },
  stopped: {
    text: '$(debug-stop) Observability',
    tooltip: 'The Observability Lint server stopped. Click for its output; "Restart server" starts it again.',
    background: 'statusBarItem.warningBackground',
  },
  error: {
    text: '$(error) Observability',
    tooltip: 'The Observability Lint server failed. Click for its output.',
    background: 'statusBarItem.errorBackground',
  },
};

/** The status bar item: what the server is doing; a click opens the output channel. */
export class StatusIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'observabilityLint.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  current: ServerStatus = 'starting';

  constructor() {
    this.item.name = 'Observability Lint';
    this.item.command = 'observabilityLint.showOutput';
  }

  show(status: ServerStatus): void {
    this.current = status;
    const look = LOOK[status];
    this.item.text = look.text;
    this.item.tooltip = look.tooltip;
    this.item.backgroundColor = look.background ? new vscode.ThemeColor(look.background) : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The second status bar item: how many routes are covered; a click focuses the Observability view. */
export class CoverageIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'observabilityLint.coverage',
    vscode.StatusBarAlignment.Right,
    99,
  );
  text: string | undefined;

  constructor(focusCommand: string) {
    this.item.name = 'Observability Lint route coverage';
    this.item.command = focusCommand;
  }

  /** `N/M routes covered`, or hidden when the workspace has no routes. */
  show(counts: { covered: number; total: number }, text: string): void {
    if (counts.total === 0) {
      this.text = undefined;
      this.item.hide();
      return;
    }
    this.text = text;
    this.item.text = `${counts.covered === counts.total ? '$(pass)' : '$(warning)'} ${text}`;
    this.item.tooltip = `${text}: logged, with a request ID and timed (probes and /metrics excluded). Click for the Observability view.`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
