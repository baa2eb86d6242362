import * as vscode from 'vscode';
import { buildServiceTree, coverage, type FolderReport, type NodeLocation, type TreeNode } from './serviceTree';

/** Quiet time after diagnostics change or a file is saved before the report is asked for again. */
const REFRESH_DELAY_MS = 500;

/** The file and 1-based line of a report entry as a URI and a 0-based range. */
export function locationOf(location: NodeLocation): { uri: vscode.Uri; range: vscode.Range } {
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(location.folder), ...location.file.split('/'));
  const line = Math.max(0, location.line - 1);
  return { uri, range: new vscode.Range(line, 0, line, 0) };
}

/** The file of a view item a menu command was run on (`undefined` for anything else). */
export function fileOfNode(argument: unknown): vscode.Uri | undefined {
  const location = (argument as Partial<TreeNode> | undefined)?.location;
  return location && typeof location.folder === 'string' && typeof location.file === 'string'
    ? locationOf(location).uri
    : undefined;
}

/**
 * The Explorer's Observability view: services and routes of `observability/serviceReport`. `request` asks the
 * server (undefined while it is not running); `onReports` hears every fresh answer (the status bar summary).
 */
export class RoutesView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeNode[] = [];
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> = Promise.resolve();
  /** The last answer; the tests read it. */
  reports: FolderReport[] = [];
  /** Answers received, for tests that wait for a refresh after an edit. */
  generation = 0;

  constructor(
    private readonly request: () => Promise<FolderReport[] | undefined>,
    private readonly onReports: (reports: FolderReport[]) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Asks again after a quiet time: diagnostics and saves come in bursts. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** Asks the server now; refreshes run one after another, so the last answer is the newest. */
  refresh(): Promise<void> {
    this.loading = this.loading.then(async () => {
      try {
        const reports = await this.request();
        if (!reports) return;
        this.reports = reports;
        this.roots = buildServiceTree(reports);
        this.generation++;
        this.changed.fire(undefined);
        this.onReports(reports);
      } catch (error) {
        this.onError(error);
      }
    });
    return this.loading;
  }

  /** The view's message when it has nothing to show. */
  message(): string | undefined {
    return this.generation > 0 && this.roots.length === 0
      ? 'No services found: no file in the workspace creates an app (express(), fastify(), a NestJS module…).'
      : undefined;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const state =
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(
      node.icon.id,
      node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined,
    );
    item.contextValue = node.contextValue;
    if (node.location) {
      const { uri, range } = locationOf(node.location);
      const options: vscode.TextDocumentShowOptions = { selection: range };
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, options] };
    }
    return item;
  }

  /** Covered and judged routes of the last answer. */
  coverage(): { covered: number; total: number } {
    return coverage(this.reports);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
