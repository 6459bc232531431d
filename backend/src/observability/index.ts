// Observability of a backend process: JSON-line logs, Prometheus metrics, per-request log and metrics.
export { type BackendMetrics, createBackendMetrics, type MetricSources } from './backend-metrics.ts';
export { type CountedDatabase, countOperations } from './counted-database.ts';
export { type ErrorFields, errorFields } from './error-fields.ts';
export {
  createLogger,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  logLevels,
} from './logger.ts';
export {
  type Counter,
  type Gauge,
  type Histogram,
  type Labels,
  MetricsRegistry,
  metricsContentType,
} from './metrics-registry.ts';
export { observeRequests } from './request-observer.ts';
