import { loadConfig } from '../src/config.ts';

/** The harvest settings of the harvest bench (bench/harvest.ts and its child, bench/harvest-once.ts). */
export function benchHarvestConfig() {
  const config = loadConfig({ NODE_ENV: 'test' });
  return {
    ...config,
    harvest: {
      ...config.harvest,
      maxBytes: 500 * 1024 * 1024,
      timeoutMs: 600_000,
      allowAddresses: ['127.0.0.1'],
      // A catalog larger than the default cap of 100,000 datasets is harvested whole here.
      maxRecords: Math.max(100_000, Number(process.env.BENCH_DATASETS ?? 0)),
    },
  };
}
