const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Series {
  labels: string;
  count: number;
  sum: number;
  buckets: number[];
}

/**
 * Request counts and latencies by method, route and status, rendered in the Prometheus text
 * format for `GET /metrics`. Routes are the router's patterns, so label sets stay bounded.
 */
export class HttpMetrics {
  readonly #series = new Map<string, Series>();
  readonly #startedAt = Date.now();

  /** Records one served request. */
  record(method: string, route: string, status: number, seconds: number): void {
    const labels = `method="${method}",route="${route.replaceAll('"', "")}",status="${status}"`;
    let series = this.#series.get(labels);
    if (!series) {
      series = { labels, count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.#series.set(labels, series);
    }
    series.count++;
    series.sum += seconds;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) series.buckets[i] = (series.buckets[i] ?? 0) + 1;
    }
  }

  /** The Prometheus exposition text. */
  render(): string {
    const lines = [
      "# HELP botwire_http_requests_total HTTP requests served.",
      "# TYPE botwire_http_requests_total counter",
    ];
    for (const s of this.#series.values())
      lines.push(`botwire_http_requests_total{${s.labels}} ${s.count}`);
    lines.push(
      "# HELP botwire_http_request_duration_seconds Time to serve a request.",
      "# TYPE botwire_http_request_duration_seconds histogram",
    );
    for (const s of this.#series.values()) {
      BUCKETS.forEach((le, i) => {
        lines.push(
          `botwire_http_request_duration_seconds_bucket{${s.labels},le="${le}"} ${s.buckets[i]}`,
        );
      });
      lines.push(
        `botwire_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`,
        `botwire_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`,
        `botwire_http_request_duration_seconds_count{${s.labels}} ${s.count}`,
      );
    }
    lines.push(
      "# HELP botwire_process_start_time_seconds When the server started.",
      "# TYPE botwire_process_start_time_seconds gauge",
      `botwire_process_start_time_seconds ${this.#startedAt / 1000}`,
    );
    return `${lines.join("\n")}\n`;
  }
}
