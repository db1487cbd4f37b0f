/**
 * The business metrics of shared/config/business-metrics.ts, written as CloudWatch embedded
 * metrics (EMF: one JSON log line CloudWatch turns into metric points, no API call) by
 * Powertools for AWS Lambda Metrics. Counts accumulate during an invocation and are written once
 * at its end (`flushMetrics`). The local stand-in sets POWERTOOLS_METRICS_DISABLED, so its
 * console shows the functions' own log lines only.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, METRICS_SCHOOL_DIMENSION, METRICS_SERVICE, type BusinessMetricName } from '#shared/config/business-metrics.ts';

export const metrics = new Metrics({
  namespace: METRICS_NAMESPACE,
  serviceName: METRICS_SERVICE,
  defaultDimensions: { [METRICS_SCHOOL_DIMENSION]: process.env.SCHOOL_ID ?? 'unknown' },
});

export function countMetric(name: BusinessMetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes what this invocation counted; nothing when it counted nothing (no empty EMF line). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
