import { anyone } from '../../web/policy.ts';

/** Health and metrics are for load balancers and Prometheus; metrics may be closed with METRICS_TOKEN. */
export const opsPolicy = {
  health: anyone,
  metrics: anyone,
};
