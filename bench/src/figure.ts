/** One row of the benchmark table: a figure measured beside its baseline in the same run. */
export interface FigureRow {
  figure: string;
  measured: string;
  baseline: string;
  /** measured / baseline, as the goal states it; undefined when the row is not a ratio. */
  ratio?: number;
  goal: string;
  /** undefined: not measured (the note says why). */
  met?: boolean;
  note?: string;
}

export interface RunOptions {
  quick: boolean;
  /** Figure 4's checkpoints, when given on the command line (`--events 100000,1000000`). */
  events?: number[];
  log: (line: string) => void;
}

export function rate(count: number, seconds: number, unit: string): string {
  const value = count / seconds;
  const shown = value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
  return `${shown} ${unit}/s`;
}
