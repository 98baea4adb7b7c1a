/** One line of `npm run bench -- --json`: the shape later issues' targets are checked against. */
export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p99: number;
  n: number;
  baseline?: number;
  ratio?: number;
  target?: string;
  /** Anything else worth reading next to the figures (sizes, notes). */
  extra?: Record<string, number | string>;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchResult[]> | BenchResult[];
}
