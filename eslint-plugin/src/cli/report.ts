import { main as reportMain } from '../report/cli';

/** `observability-lint report …`: the route report (its options are in report/cli.ts). */
export function main(args: readonly string[]): number {
  return reportMain(['report', ...args]);
}
