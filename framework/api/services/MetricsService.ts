/** Attribute values a metric point may carry. */
export type MetricAttributes = Record<string, string | number | boolean | undefined>;

export interface MetricOptions {
  description?: string;
  unit?: string;
}

export interface MetricsServiceCounter<A extends MetricAttributes = MetricAttributes> {
  add(value: number, attributes?: A): void;
}
export type MetricsServiceUpDownCounter<A extends MetricAttributes = MetricAttributes> = MetricsServiceCounter<A>;
export interface MetricsServiceHistogram<A extends MetricAttributes = MetricAttributes> {
  record(value: number, attributes?: A): void;
}
export type MetricsServiceGauge<A extends MetricAttributes = MetricAttributes> = MetricsServiceHistogram<A>;
export interface MetricsServiceObservableResult<A extends MetricAttributes = MetricAttributes> {
  observe(value: number, attributes?: A): void;
}
export type MetricsServiceObservableCallback<A extends MetricAttributes = MetricAttributes> = (
  result: MetricsServiceObservableResult<A>,
) => void | Promise<void>;
export interface MetricsServiceObservable<A extends MetricAttributes = MetricAttributes> {
  addCallback(callback: MetricsServiceObservableCallback<A>): void;
  removeCallback(callback: MetricsServiceObservableCallback<A>): void;
}

/** Metric instruments of one plugin (Backstage's `alpha.core.metrics`); OpenTelemetry underneath. */
export interface MetricsService {
  createCounter<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceCounter<A>;
  createUpDownCounter<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceUpDownCounter<A>;
  createHistogram<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceHistogram<A>;
  createGauge<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceGauge<A>;
  createObservableCounter<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceObservable<A>;
  createObservableUpDownCounter<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceObservable<A>;
  createObservableGauge<A extends MetricAttributes>(name: string, opts?: MetricOptions): MetricsServiceObservable<A>;
}
