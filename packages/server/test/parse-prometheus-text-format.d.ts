declare module "parse-prometheus-text-format" {
  /** A sample of a counter, gauge or untyped family. */
  export interface PlainSample {
    value: string;
    labels?: Record<string, string>;
  }
  /** A sample of a histogram family. */
  export interface HistogramSample {
    buckets: Record<string, string>;
    count: string;
    sum: string;
    labels?: Record<string, string>;
  }
  /** One metric family. */
  export interface MetricFamily {
    name: string;
    help: string;
    type: "COUNTER" | "GAUGE" | "HISTOGRAM" | "SUMMARY" | "UNTYPED";
    metrics: (PlainSample & Partial<HistogramSample>)[];
  }
  export default function parsePrometheusTextFormat(text: string): MetricFamily[];
}
