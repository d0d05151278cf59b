import { metrics as otelMetrics } from '@opentelemetry/api';
import { alphaServices, coreServices, createServiceFactory, type MetricsService } from '../../api';

/**
 * Instruments on the global OpenTelemetry meter provider, one meter per plugin. Without an OpenTelemetry SDK
 * registered in the process the provider is the API's no-op one, so recording costs nothing.
 */
export const metricsServiceFactory = createServiceFactory({
  service: alphaServices.metrics,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): MetricsService {
    const meter = otelMetrics.getMeter(`backstage-plugin-${plugin.getId()}`);
    return {
      createCounter: (name, opts) => meter.createCounter(name, opts),
      createUpDownCounter: (name, opts) => meter.createUpDownCounter(name, opts),
      createHistogram: (name, opts) => meter.createHistogram(name, opts),
      createGauge: (name, opts) => meter.createGauge(name, opts),
      createObservableCounter: (name, opts) => meter.createObservableCounter(name, opts),
      createObservableUpDownCounter: (name, opts) => meter.createObservableUpDownCounter(name, opts),
      createObservableGauge: (name, opts) => meter.createObservableGauge(name, opts),
    };
  },
});
