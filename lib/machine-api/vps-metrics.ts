// POST /api/vps/metrics — the main site pushes resource samples: {samples:[…]} (1–5,000);
// 202 {accepted, rejected:[{index, message}]}; a repeated (vps_id, at) replaces the sample.
import { reply, route } from "../http/handler";
import { ingestSamples } from "../metrics/ingest-samples";
import { publishMetrics } from "../metrics/live";
import { ingestBodySchema } from "../metrics/schemas";

/** 5,000 samples with every field at full length are about 1.3 MB. */
export const METRICS_MAX_BODY = 2 * 1024 * 1024;

export const vpsMetricsPost = route.machine(
  { method: "POST", path: "/api/vps/metrics", body: ingestBodySchema, maxBody: METRICS_MAX_BODY },
  async ({ db, body }) => {
    const { accepted, rejected, written } = await ingestSamples(db, body.samples);
    publishMetrics(written);
    return reply(202, { accepted, rejected });
  },
);
