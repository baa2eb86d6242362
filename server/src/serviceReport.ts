import { fileURLToPath, pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import { buildRouteReport, type RouteReport } from 'eslint-plugin-observability/report';
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { ServiceReportParams } from './protocol';

export interface ServiceReportFolder {
  /** The folder as a `file:` URI. */
  folder: string;
  report: RouteReport;
}

/**
 * `observability/serviceReport`: the route report of the folder asked for, or of every workspace folder. Files are
 * read through the analysis host registered for each folder, so open editors' unsaved text counts, and models are
 * rebuilt only where files changed.
 */
export function serviceReports(
  params: ServiceReportParams | null | undefined,
  workspaceRoots: readonly string[],
): ServiceReportFolder[] {
  const folders = params?.folder !== undefined ? [folderPath(params.folder)] : workspaceRoots;
  return folders.map((folder) => ({ folder: pathToFileURL(folder).toString(), report: buildRouteReport(folder) }));
}

function folderPath(uri: unknown): string {
  if (typeof uri !== 'string' || !uri.startsWith('file:'))
    throw new ResponseError(ErrorCodes.InvalidParams, `folder must be a file: URI, got ${JSON.stringify(uri)}`);
  const folder = fileURLToPath(uri);
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory())
    throw new ResponseError(ErrorCodes.InvalidParams, `${folder} is not a directory`);
  return folder;
}
