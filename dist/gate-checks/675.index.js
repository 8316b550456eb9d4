export const id = 675;
export const ids = [675];
export const modules = {

/***/ 675:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  measureMetric: () => (/* binding */ measureMetric)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./.build/engine/aggregate.js
var aggregate = __webpack_require__(2818);
// EXTERNAL MODULE: ./.build/engine/exact.js
var exact = __webpack_require__(3422);
;// CONCATENATED MODULE: ./.build/engine/judge/transform.js



function isRatioSeries(data) {
    return !Array.isArray(data) && typeof data === 'object' && data !== null && 'numerator' in data && 'denominator' in data;
}
function isHistogramSeries(data) {
    return !Array.isArray(data) && typeof data === 'object' && data !== null && 'buckets' in data;
}
/** Counts are summed in doubles; beyond 2^53 a sum is no longer a count of anything. */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/**
 * Why a ratio's counts cannot be believed, or null. Each interval is checked
 * on its own, so a negative count cannot cancel a positive one in the sum and
 * an interval with more errors than requests is not hidden by busier ones:
 * both series are as long as each other, no count is negative or infinite,
 * and the numerator never exceeds the denominator (compared in whole events:
 * Prometheus' `increase()` extrapolates both to fractions). NaN is a gap.
 */
function checkRatioCounts(data, names) {
    const { numerator, denominator } = data;
    if (numerator.length !== denominator.length) {
        return `\`${names.numerator}\` has ${numerator.length} samples and \`${names.denominator}\` ${denominator.length}; each interval needs both`;
    }
    for (let index = 0; index < numerator.length; index++) {
        for (const [name, value] of [[names.numerator, numerator[index]], [names.denominator, denominator[index]]]) {
            if (Number.isNaN(value))
                continue;
            if (!Number.isFinite(value) || value > MAX_COUNT)
                return `\`${name}\`[${index}] is ${value}; a count is a finite number of events`;
            if (value < 0)
                return `\`${name}\`[${index}] is ${value}; a count cannot be negative`;
        }
        const events = numerator[index];
        const total = denominator[index];
        if (Math.round(events) > Math.round(total))
            return `\`${names.numerator}\`[${index}] (${events}) exceeds \`${names.denominator}\`[${index}] (${total}); a ratio of counts is at most 1`;
    }
    return null;
}
/**
 * A numerator with nothing where its denominator has data (no series at all,
 * or a gap): zero events under `empty-numerator: zero`, a gap (no data)
 * under `nodata`. See `EmptyNumeratorPolicy` for why zero is the default.
 * A numerator of another length is left alone for the check to name.
 */
function fillEmptyNumerator(data, policy) {
    const { numerator, denominator } = data;
    if (numerator.length !== 0 && numerator.length !== denominator.length)
        return data;
    const filled = denominator.map((total, index) => {
        const events = numerator.length === 0 ? NaN : numerator[index];
        return Number.isNaN(events) && !Number.isNaN(total) && policy === 'zero' ? 0 : events;
    });
    return { numerator: filled, denominator };
}
/**
 * Sums a ratio's counts after checking them. Sums are rounded to whole
 * events: Prometheus' `increase()` extrapolates to fractions, and the exact
 * test counts events.
 */
function prepareCounts(data, names) {
    if (isHistogramSeries(data))
        return err(`expected counts of \`${names.numerator}\` and \`${names.denominator}\`, got histogram buckets`);
    if (!isRatioSeries(data))
        return err(`expected counts of \`${names.numerator}\` and \`${names.denominator}\`, got a single series`);
    const problem = checkRatioCounts(data, names);
    if (problem !== null)
        return err(problem);
    let eventSum = 0;
    let totalSum = 0;
    let samples = 0;
    data.numerator.forEach((events, index) => {
        const total = data.denominator[index];
        if (Number.isNaN(events) || Number.isNaN(total))
            return;
        eventSum += events;
        totalSum += total;
        samples++;
    });
    const events = Math.round(eventSum);
    const total = Math.round(totalSum);
    if (total > MAX_COUNT)
        return err(`\`${names.denominator}\` sums to ${total}, beyond 2^53, where counts are no longer exact`);
    return ok({ events, total, samples, rate: total === 0 ? null : fraction(events, total) });
}
/**
 * Both variants' counts interval by interval, for the sequential test, which
 * multiplies one likelihood ratio per interval. Intervals where either
 * variant has a gap are left out (no data, as in the sums). Series of
 * different lengths cannot be paired by index: the window is then one
 * interval of the summed counts, which is still a valid likelihood ratio for
 * that look, only blind to how the traffic split moved within the window.
 * Counts are rounded to whole events, as the sums are.
 */
function pairIntervals(canary, baseline, canarySums, baselineSums) {
    const whole = [{ canaryEvents: canarySums.events, canaryTotal: canarySums.total, baselineEvents: baselineSums.events, baselineTotal: baselineSums.total }];
    if (!isRatioSeries(canary) || !isRatioSeries(baseline) || canary.denominator.length !== baseline.denominator.length)
        return whole;
    const intervals = [];
    for (let index = 0; index < canary.denominator.length; index++) {
        const counts = [canary.numerator[index], canary.denominator[index], baseline.numerator[index], baseline.denominator[index]];
        if (counts.some((count) => Number.isNaN(count)))
            continue;
        const [canaryEvents, canaryTotal, baselineEvents, baselineTotal] = counts.map(Math.round);
        intervals.push({ canaryEvents, canaryTotal, baselineEvents, baselineTotal });
    }
    return intervals;
}
function prepareSeries(data, outliers) {
    if (isRatioSeries(data))
        return err('expected one series of samples, got numerator/denominator counts');
    if (isHistogramSeries(data))
        return err('expected one series of samples, got histogram buckets');
    const present = presentSamples([...data]);
    const values = outliers === 'iqr' ? removeOutliersIqr(present) : present;
    return ok({ values, removed: present.length - values.length });
}
/**
 * Tukey's fences as Kayenta's `IQRDetector` draws them; the defaults are
 * `IQRDetector(factor = 3.0, reduceSensitivity = true)`, as its
 * NetflixACAJudge builds it (`outliers.outlierFactor` defaults to 3.0): fences
 * at Q1 − 3·IQR and Q3 + 3·IQR, widened to the 1st/99th percentiles so a
 * tight series does not lose its tails. Percentiles are R-7, as Kayenta's
 * `DescriptiveStatistics.percentile`. The fences are drawn from the finite
 * samples, and ±Infinity is never removed: it is a finding, not noise.
 */
function removeOutliersIqr(values, factor = 3, reduceSensitivity = true) {
    if (!(factor > 0))
        throw new RangeError(`IQR factor must be greater than zero, got ${factor}`);
    const finite = values.filter((value) => Number.isFinite(value));
    if (finite.length === 0)
        return [...values];
    const q1 = percentile(finite, 0.25);
    const q3 = percentile(finite, 0.75);
    const iqr = q3 - q1;
    const lower = reduceSensitivity ? Math.min(percentile(finite, 0.01), q1 - factor * iqr) : q1 - factor * iqr;
    const upper = reduceSensitivity ? Math.max(percentile(finite, 0.99), q3 + factor * iqr) : q3 + factor * iqr;
    return values.filter((value) => !Number.isFinite(value) || (value >= lower && value <= upper));
}

// EXTERNAL MODULE: ./.build/engine/result.js
var engine_result = __webpack_require__(1232);
// EXTERNAL MODULE: ./.build/engine/units.js
var units = __webpack_require__(4358);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./.build/sources/source-fault.js
var source_fault = __webpack_require__(1111);
// EXTERNAL MODULE: ./.build/sources/metrics/fetch-json.js
var fetch_json = __webpack_require__(1572);
;// CONCATENATED MODULE: ./.build/sources/metrics/metric-source.js





/**
 * The source with a `query` (and a `queryHistogram`, when it has one) that
 * never throws: whatever escapes a read (a parser's bug, an exception in a
 * library) becomes a `provider` fault naming the source, so the metric is
 * `error` and its `on-error` decides, instead of the action ending in an
 * internal error with no report and no decision.
 */
function neverThrows(source) {
    const guarded = (read) => async (request) => {
        try {
            return await read(request);
        }
        catch (thrown) {
            return (0,source_fault/* fault */.D)('provider', `${source.kind} source at ${source.where} failed to read \`${request.series}\`: ${(0,engine_result/* messageOf */.bD)(thrown).split('\n')[0]}`);
        }
    };
    const queryHistogram = source.queryHistogram?.bind(source);
    return {
        kind: source.kind,
        where: source.where,
        query: guarded((request) => source.query(request)),
        // Absent stays absent: the judge tells a source that cannot read buckets by the missing method.
        ...(queryHistogram ? { queryHistogram: guarded(queryHistogram) } : {}),
    };
}
/** A duration key (`30s`, `1m`, a bare number of ms), parsed with the engine's units. */
const durationField = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform((raw, context) => {
    const parsed = (0,units/* parseDuration */.E9)(raw);
    if (parsed.ok)
        return parsed.value;
    context.addIssue({ code: 'custom', message: parsed.error });
    return core/* NEVER */.tm;
});
/**
 * A duration that drives a timer (a request's `timeout`): more than 0 and at
 * most 2^31 − 1 ms, as Node's setTimeout fires at once beyond that, so
 * `timeout: 1e12` would time every request out at once instead of never.
 */
const timerDurationField = durationField.superRefine((ms, context) => {
    const timer = (0,units/* checkTimerDuration */.yM)(ms);
    if (!timer.ok)
        context.addIssue({ code: 'custom', message: timer.error });
    else if (!(ms > 0))
        context.addIssue({ code: 'custom', message: 'must be more than 0' });
});
/**
 * Values by their timestamp (ms) on a grid; a point the provider left out
 * is NaN, a gap, so two series of one window line up step by step and the
 * window's length stays honest. Points off the grid are dropped.
 */
function placeOnGrid(samples, grid) {
    const placed = new Array(grid.count).fill(NaN);
    for (const [time, value] of samples) {
        const slot = Math.round((time - grid.startMs) / grid.stepMs);
        if (slot >= 0 && slot < grid.count)
            placed[slot] = value;
    }
    return placed;
}
/** A key naming an environment variable that holds a secret (never the secret itself). */
const envNameField = schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. METRICS_TOKEN');
/**
 * Where a query-language source finds the query for a request: the caller's
 * `query`, else `queries[series]`, else the source's `query` (which may use
 * `{{series}}`). A series with none is a config fault listing the known ones.
 */
function pickQueryTemplate(request, config) {
    const template = request.query ?? config.queries?.[request.series] ?? config.query;
    if (template !== undefined)
        return (0,engine_result.ok)(template);
    const known = Object.keys(config.queries ?? {});
    const has = known.length > 0 ? `source.queries has ${known.map((name) => `\`${name}\``).join(', ')}` : 'source.queries is empty';
    return (0,source_fault/* fault */.D)('config', `no query for series \`${request.series}\`: ${has}; add it there or give source.query with {{series}}`);
}
/** A version becomes part of a label matcher or a tag, so only characters no query language treats specially pass. */
const SAFE_VERSION = /^[\w.:/@+-]+$/;
/** `{{series}}`, `{{variant}}` and `{{version}}` of a request; sources add their own (`{{window}}`, `{{interval}}`). */
function requestValues(request) {
    const version = request.version;
    return {
        series: request.series,
        variant: request.variant ?? { missing: 'this read is of the one live version; set `variant` to baseline or canary' },
        version: version === undefined
            ? { missing: 'no version was given for this read' }
            : SAFE_VERSION.test(version)
                ? version
                : { missing: `the version ${JSON.stringify(version)} has characters a query cannot hold (letters, digits and . _ - : / @ + are accepted)` },
    };
}
/**
 * Replaces `{{name}}` (spaces inside the braces allowed) with its value. An
 * unknown name is a typo the user should hear about, not text sent to the
 * backend; a known one without a value is a config fault saying why.
 */
function fillQueryTemplate(template, values, series) {
    const problems = [];
    const filled = template.replace(/\{\{\s*([^{}\s]*)\s*\}\}/g, (match, name) => {
        const value = Object.hasOwn(values, name) ? values[name] : undefined;
        if (typeof value === 'string')
            return value;
        if (value === undefined)
            problems.push(`{{${name}}} is not a placeholder; use ${Object.keys(values).map((known) => `{{${known}}}`).join(', ')}`);
        else
            problems.push(`it uses {{${name}}}, but ${value.missing}`);
        return match;
    });
    if (problems.length > 0)
        return (0,source_fault/* fault */.D)('config', `query for series \`${series}\` (${oneLine(template)}): ${problems[0]}`);
    return (0,engine_result.ok)(filled);
}
/** A query as one line for a message: multi-line YAML blocks folded, long ones cut. */
function oneLine(query) {
    const line = query.replace(/\s+/g, ' ').trim();
    return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
/**
 * `getJson` (retries, a timeout covering the body, backoff) keeping the body
 * of a failed answer, which holds the reason a query was refused.
 * `retryAfterHeader` names a header giving the seconds to wait when the
 * provider does not send `Retry-After` (Datadog sends `X-RateLimit-Reset`).
 */
async function getProviderJson(request, http, retryAfterHeader) {
    return (0,fetch_json/* getJsonAnswer */.V1)({ ...request, ...(retryAfterHeader ? { retryAfterHeader } : {}) }, http);
}

// EXTERNAL MODULE: ./.build/sources/zod-issue.js
var zod_issue = __webpack_require__(6188);
// EXTERNAL MODULE: ./.build/sources/secret-registry.js
var secret_registry = __webpack_require__(8399);
;// CONCATENATED MODULE: ./.build/sources/metrics/datadog.js








const configSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz('datadog'),
    site: schemas/* string */.YjP()
        .regex(/^(https?:\/\/\S+|[a-z0-9.-]+\.[a-z]+)$/, 'must be a site such as datadoghq.eu or an API URL such as https://api.datadoghq.eu')
        .transform(siteUrl)
        .default('https://api.datadoghq.com'),
    query: schemas/* string */.YjP().min(1).optional(),
    queries: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().min(1)).optional(),
    interval: durationField.refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 60s or 1m').optional(),
    'api-key-env': envNameField.default('DD_API_KEY'),
    'app-key-env': envNameField.default('DD_APP_KEY'),
    timeout: timerDurationField.optional(),
});
/** `datadoghq.eu` and `app.datadoghq.eu` are the site; its API lives at `api.` (Datadog's site table). */
function siteUrl(site) {
    if (/^https?:\/\//.test(site))
        return site.replace(/\/+$/, '');
    return `https://api.${site.replace(/^(app|api)\./, '')}`;
}
const datadogSource = {
    kind: 'datadog',
    schema: configSchema,
    create(config, context) {
        const headers = {};
        for (const [key, header] of [['api-key-env', 'dd-api-key'], ['app-key-env', 'dd-application-key']]) {
            const name = config[key];
            const secret = (0,secret_registry/* readCredential */.Yz)(context.env, name);
            if (!secret)
                return (0,source_fault/* fault */.D)('config', `source.${key} names ${name}, but ${name} is not set; Datadog's query API needs an API key and an application key`);
            headers[header] = secret;
        }
        return (0,engine_result.ok)(new DatadogMetricSource(config, headers, context.http ?? {}));
    },
};
class DatadogMetricSource {
    config;
    headers;
    http;
    kind = 'datadog';
    where;
    constructor(config, headers, http) {
        this.config = config;
        this.headers = headers;
        this.http = http;
        this.where = (0,fetch_json/* redactUrl */.BO)(config.site);
    }
    async query(request) {
        const template = pickQueryTemplate(request, this.config);
        if (!template.ok)
            return template;
        const interval = this.config.interval === undefined ? { missing: 'the source gives no `interval` (the rollup, e.g. 1m)' } : String(this.config.interval / 1_000);
        const values = { ...requestValues(request), window: String(Math.round(request.windowMs / 1_000)), interval };
        const filled = fillQueryTemplate(template.value, values, request.series);
        if (!filled.ok)
            return filled;
        const to = Math.floor(request.now.getTime() / 1_000);
        const from = Math.floor((request.now.getTime() - request.windowMs) / 1_000);
        const url = `${this.config.site}/api/v1/query?${new URLSearchParams({ from: String(from), to: String(to), query: filled.value })}`;
        const answer = await getProviderJson({ url, headers: this.headers, hint: (status, body) => hintFor(status, body, this.config) }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs }, 
        // Datadog rate limits answer 429 with X-RateLimit-Reset, the seconds until the limit resets (docs: "Rate Limits").
        'x-ratelimit-reset');
        if (!answer.body.ok) {
            // A 400 is the query's fault (Datadog: "Error parsing query"), for the user to fix; the rest is the provider's.
            const reason = errorsOf(answer.errorBody);
            if (answer.status === 400 && reason !== undefined)
                return (0,source_fault/* fault */.D)('config', `datadog rejected query ${shown(filled.value)}: ${reason}`);
            const message = answer.body.error.message.replace((0,fetch_json/* redactUrl */.BO)(url), (0,fetch_json/* redactUrl */.BO)(url.split('?')[0]));
            return (0,source_fault/* fault */.D)(answer.body.error.kind, `datadog: ${message} (query ${shown(filled.value)})`);
        }
        return readDatadogBody(answer.body.value, filled.value, { fromMs: from * 1_000, toMs: to * 1_000 });
    }
}
/** Datadog explains a failed call in `{"errors": ["…"]}`, parse errors over several lines; folded to one. */
function errorsOf(body) {
    const parsed = schemas/* object */.Ikc({ errors: schemas/* array */.YOg(schemas/* string */.YjP()).min(1) }).safeParse(body);
    return parsed.success ? parsed.data.errors.join('; ').replace(/\s+/g, ' ').trim() : undefined;
}
function hintFor(status, body, config) {
    if (status === 401 || status === 403) {
        return `check that ${config['api-key-env']} and ${config['app-key-env']} hold a valid API key and an application key with the timeseries_query permission, for ${config.site}`;
    }
    return errorsOf(body);
}
const point = schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* number */.aig().nullable()]);
const bodySchema = schemas/* object */.Ikc({
    status: schemas/* string */.YjP().optional(),
    error: schemas/* string */.YjP().nullable().optional(),
    series: schemas/* array */.YOg(schemas/* object */.Ikc({ pointlist: schemas/* array */.YOg(point), interval: schemas/* number */.aig().nullable().optional(), scope: schemas/* string */.YjP().nullable().optional() })).default([]),
});
/**
 * The values of a `/api/v1/query` answer. Points go on the grid of the
 * series' interval over the window (Datadog stamps each rollup bucket at a
 * multiple of the interval), so a bucket left out is a gap (NaN) and two
 * series of one window line up. No series is no data; several series (a
 * `by {…}` query) must be aggregated first.
 */
function readDatadogBody(body, query, window) {
    const parsed = bodySchema.safeParse(body, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `datadog answered ${shown(query)} with something other than a query response: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const { status, error, series } = parsed.data;
    if (status === 'error' || error)
        return (0,source_fault/* fault */.D)('config', `datadog rejected query ${shown(query)}: ${error || 'status "error"'}`);
    if (series.length === 0)
        return (0,engine_result.ok)({ values: [], intervalMs: null });
    if (series.length > 1) {
        const scopes = series.slice(0, 2).map((one) => one.scope ?? '?');
        return (0,source_fault/* fault */.D)('config', `datadog query ${shown(query)} returned ${series.length} series (${scopes.join('; ')}${series.length > 2 ? '; …' : ''}); it must aggregate to one, e.g. without \`by {…}\``);
    }
    const only = series[0];
    const samples = only.pointlist.map(([time, value]) => [time, value ?? NaN]);
    const stepMs = (only.interval ?? 0) * 1_000;
    if (!(stepMs > 0))
        return (0,engine_result.ok)({ values: samples.map(([, value]) => value), intervalMs: null });
    const first = Math.ceil(window.fromMs / stepMs);
    const grid = { startMs: first * stepMs, stepMs, count: Math.max(0, Math.floor(window.toMs / stepMs) - first + 1) };
    return (0,engine_result.ok)({ values: placeOnGrid(samples, grid), intervalMs: stepMs });
}
function shown(query) {
    return `\`${oneLine(query)}\``;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/sources/files.js
var files = __webpack_require__(192);
;// CONCATENATED MODULE: ./.build/sources/metrics/histogram-buckets.js

/** A decimal as Prometheus' clients and Prometheus 3 write bounds: `1`, `1.0`, `0.005`, `1e-05`. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/**
 * A bucket's upper bound from its label: a finite decimal, or `+Inf` (`Inf`)
 * for the bucket holding every request. Prometheus 2 writes `le="1"` where
 * Prometheus 3 writes `le="1.0"`; both are the bound 1.
 */
function parseUpperBound(label) {
    if (label === '+Inf' || label === 'Inf')
        return Infinity;
    if (!DECIMAL.test(label))
        return undefined;
    const bound = Number(label);
    return Number.isFinite(bound) ? bound : undefined;
}
/**
 * Buckets labelled by their bound as written, ascending by bound. A label
 * that is no bound, or two labels of one bound (`1` and `1.0`, which would
 * count the same requests twice), is a problem, never a guess.
 */
function orderBuckets(labelled) {
    const seen = new Map();
    const buckets = [];
    for (const [label, values] of labelled) {
        const le = parseUpperBound(label);
        if (le === undefined)
            return (0,engine_result/* err */._q)({ notABound: label });
        const earlier = seen.get(le);
        if (earlier !== undefined)
            return (0,engine_result/* err */._q)({ sameBound: [earlier, label] });
        seen.set(le, label);
        buckets.push({ le, values });
    }
    return (0,engine_result.ok)(buckets.sort((a, b) => a.le - b.le));
}

;// CONCATENATED MODULE: ./.build/sources/metrics/file.js








const file_configSchema = schemas/* strictObject */.rej({ type: schemas/* literal */.euz('file'), path: schemas/* string */.YjP().min(1) });
/** Numbers; JSON writes +∞ only as an overflowing literal (1e400), which is kept: a series value of ∞ is a finding, not a gap. */
const sampleValue = schemas/* custom */.IeY((value) => typeof value === 'number' && !Number.isNaN(value), { message: 'expected a number' });
const seriesSchema = schemas/* array */.YOg(sampleValue);
/** A section's entries are read one by one (`readSection`): a series and a histogram differ in shape, and each gets its own message. */
const sectionSchema = schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J());
const documentSchema = schemas/* object */.Ikc({
    interval: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()], {
        error: (issue) => (issue.input === undefined ? 'is missing; give the spacing of the samples such as "1m"' : 'must be a duration such as "1m"'),
    }),
    start: schemas/* string */.YjP().refine((text) => !Number.isNaN(Date.parse(text)), 'must be an ISO-8601 time such as "2026-11-24T10:00:00Z"').optional(),
    baseline: sectionSchema.optional(),
    canary: sectionSchema.optional(),
}).catchall(schemas/* unknown */.L5J());
const fileSource = {
    kind: 'file',
    schema: file_configSchema,
    create: (config, context) => (0,engine_result.ok)(new FileMetricSource(config, context)),
};
class FileMetricSource {
    kind = 'file';
    where;
    file;
    document;
    constructor(config, context) {
        this.where = config.path;
        this.file = external_node_path_.resolve(context.workspace, config.path);
    }
    async query(request) {
        const found = await this.find(request);
        if (!found.ok)
            return found;
        const { entry, intervalMs, startMs, shown } = found.value;
        if (!Array.isArray(entry))
            return (0,source_fault/* fault */.D)('config', `${shown}: \`${request.series}\` is a histogram (buckets by upper bound), not one series; use \`histogram:\` in the metric`);
        return (0,engine_result.ok)({ values: startMs === null ? [...entry] : sliceByTime(entry, startMs, intervalMs, request), intervalMs });
    }
    async queryHistogram(request) {
        const found = await this.find(request);
        if (!found.ok)
            return found;
        const { entry, intervalMs, startMs, shown } = found.value;
        if (Array.isArray(entry))
            return (0,source_fault/* fault */.D)('config', `${shown}: \`${request.series}\` is one series, not a histogram's buckets; give it as {"0.1": [...], "+Inf": [...]}, or read it as a series`);
        const buckets = entry.buckets.map(({ le, values }) => ({ le, values: startMs === null ? [...values] : sliceByTime(values, startMs, intervalMs, request) }));
        return (0,engine_result.ok)({ buckets, intervalMs });
    }
    /** The request's series or histogram in its variant's section, with the document's timing. */
    async find(request) {
        // Read once per source: a ratio asks for two series of the same file.
        this.document ??= this.load();
        const document = await this.document;
        if (!document.ok)
            return document;
        const section = pickSection(document.value, request, this.where);
        if (!section.ok)
            return section;
        const shown = `${this.where}${request.variant ? ` (${request.variant})` : ''}`;
        const series = document.value.sections[section.value]?.[request.series];
        const buckets = document.value.histograms[section.value]?.[request.series];
        const { intervalMs, startMs } = document.value;
        if (series !== undefined)
            return (0,engine_result.ok)({ entry: series, intervalMs, startMs, shown });
        if (buckets !== undefined)
            return (0,engine_result.ok)({ entry: { buckets }, intervalMs, startMs, shown });
        const names = [...Object.keys(document.value.sections[section.value] ?? {}), ...Object.keys(document.value.histograms[section.value] ?? {})];
        return (0,source_fault/* fault */.D)('config', `${shown} has no series \`${request.series}\`; it has ${names.join(', ') || 'none'}`);
    }
    async load() {
        const json = await (0,files/* readJson */.Vh)(this.file);
        if (!json.ok)
            return json.error.kind === 'missing' ? (0,source_fault/* fault */.D)('missing', `metrics file not found: ${this.where}`) : json;
        return parseSampleDocument(json.value, this.where);
    }
}
/** Validates the document; the fault names the first bad field. */
function parseSampleDocument(json, where) {
    const parsed = documentSchema.safeParse(json, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `${where}: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    // Spacings beyond a timer's reach are not sample spacings; they would also put sample times past any date.
    const interval = (0,units/* parseDuration */.E9)(parsed.data.interval);
    if (!interval.ok || interval.value <= 0 || interval.value > units/* MAX_TIMER_MS */._o) {
        return (0,source_fault/* fault */.D)('malformed', `${where}: \`interval\` must be the spacing of the samples such as "1m" (at most ${units/* MAX_TIMER_SHOWN */.Bq}); got ${JSON.stringify(parsed.data.interval)}`);
    }
    const { interval: _interval, start, baseline, canary, ...flat } = parsed.data;
    const raw = baseline || canary ? { baseline, canary } : { live: flat };
    const document = { intervalMs: interval.value, startMs: start === undefined ? null : Date.parse(start), sections: {}, histograms: {} };
    for (const name of ['baseline', 'canary', 'live']) {
        const entries = raw[name];
        if (entries === undefined)
            continue;
        const section = readSection(entries, name === 'live' ? '' : `${name}.`, where);
        if (!section.ok)
            return section;
        document.sections[name] = section.value.series;
        document.histograms[name] = section.value.histograms;
    }
    return (0,engine_result.ok)(document);
}
/** A section's series (arrays) and histograms (objects keyed by bound); `path` prefixes keys in messages (`canary.`). */
function readSection(entries, path, where) {
    const series = {};
    const histograms = {};
    for (const [name, value] of Object.entries(entries)) {
        const key = `${path}${name}`;
        if (Array.isArray(value)) {
            const values = readValues(value, key, where);
            if (!values.ok)
                return values;
            series[name] = values.value;
        }
        else if (typeof value === 'object' && value !== null) {
            const buckets = readBuckets(value, key, where);
            if (!buckets.ok)
                return buckets;
            histograms[name] = buckets.value;
        }
        else {
            return (0,source_fault/* fault */.D)('malformed', `${where}: \`${key}\`: expected an array of numbers, or a histogram's buckets such as {"0.1": [...], "+Inf": [...]}; got ${JSON.stringify(value)}`);
        }
    }
    return (0,engine_result.ok)({ series, histograms });
}
function readValues(value, key, where) {
    const parsed = seriesSchema.safeParse(value, { reportInput: true });
    return parsed.success ? (0,engine_result.ok)(parsed.data) : (0,source_fault/* fault */.D)('malformed', `${where}: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error, key)}`);
}
/** A histogram's buckets: one array per bound, all of one length (an interval missing from one bucket would misplace every later one). */
function readBuckets(value, key, where) {
    const labelled = [];
    for (const [bound, raw] of Object.entries(value)) {
        const values = readValues(raw, `${key}["${bound}"]`, where);
        if (!values.ok)
            return values;
        labelled.push([bound, values.value]);
    }
    const [first] = labelled;
    if (first === undefined)
        return (0,source_fault/* fault */.D)('malformed', `${where}: \`${key}\`: a histogram needs buckets such as {"0.1": [...], "+Inf": [...]}; got {}`);
    const uneven = labelled.find(([, values]) => values.length !== first[1].length);
    if (uneven)
        return (0,source_fault/* fault */.D)('malformed', `${where}: \`${key}\`: buckets must be of one length; "${first[0]}" has ${first[1].length} values, "${uneven[0]}" has ${uneven[1].length}`);
    const ordered = orderBuckets(labelled);
    if (ordered.ok)
        return ordered;
    const problem = ordered.error;
    if ('notABound' in problem)
        return (0,source_fault/* fault */.D)('malformed', `${where}: \`${key}\`: bucket "${problem.notABound}" is not an upper bound; keys are numbers such as "0.25", or "+Inf"`);
    return (0,source_fault/* fault */.D)('malformed', `${where}: \`${key}\`: buckets "${problem.sameBound[0]}" and "${problem.sameBound[1]}" are one bound; keep one`);
}
/** The samples whose interval ends within (now − window, now]. */
function sliceByTime(series, startMs, intervalMs, request) {
    const from = request.now.getTime() - request.windowMs;
    const to = request.now.getTime();
    return series.filter((_, index) => {
        const end = startMs + (index + 1) * intervalMs;
        return end > from && end <= to;
    });
}
/** Which section a request reads: its variant's, or the flat document's for the one live version. */
function pickSection(document, request, where) {
    const { sections } = document;
    if (request.variant === null) {
        if (sections.live)
            return (0,engine_result.ok)('live');
        return (0,source_fault/* fault */.D)('config', `${where} has baseline/canary sections; set \`variant\` to baseline or canary`);
    }
    if (sections[request.variant])
        return (0,engine_result.ok)(request.variant);
    if (sections.live)
        return (0,source_fault/* fault */.D)('config', `${where} is a flat document of one live version; remove \`variant\` or add a \`${request.variant}\` section`);
    return (0,source_fault/* fault */.D)('config', `${where} has no \`${request.variant}\` section`);
}

// EXTERNAL MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js
var index_node_esm = __webpack_require__(6229);
;// CONCATENATED MODULE: ./.build/sources/metrics/http-json.js








const http_json_configSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz('http-json'),
    url: schemas/* string */.YjP().regex(/^https?:\/\//, 'must be an http:// or https:// URL'),
    'json-path': schemas/* string */.YjP().min(1),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String)).optional(),
    'token-env': schemas/* string */.YjP().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable, e.g. METRICS_TOKEN').optional(),
    timeout: timerDurationField.optional(),
    interval: durationField.optional(),
});
const httpJsonSource = {
    kind: 'http-json',
    schema: http_json_configSchema,
    create(config, context) {
        const headers = { ...config.headers };
        const tokenEnv = config['token-env'];
        if (tokenEnv !== undefined) {
            const token = (0,secret_registry/* readCredential */.Yz)(context.env, tokenEnv);
            if (!token)
                return (0,source_fault/* fault */.D)('config', `source.token-env names ${tokenEnv}, but ${tokenEnv} is not set`);
            headers.authorization = `Bearer ${token}`;
        }
        return (0,engine_result.ok)(new HttpJsonMetricSource(config, headers, context.http ?? {}));
    },
};
class HttpJsonMetricSource {
    config;
    headers;
    http;
    kind = 'http-json';
    where;
    constructor(config, headers, http) {
        this.config = config;
        this.headers = headers;
        this.http = http;
        this.where = (0,fetch_json/* redactUrl */.BO)(config.url);
    }
    async query(request) {
        const url = fillPlaceholders(this.config.url, request, encodeURIComponent);
        const body = await (0,fetch_json/* getJson */.Tt)({ url, headers: this.headers }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
        if (!body.ok)
            return body;
        const jsonPath = fillPlaceholders(this.config['json-path'], request, (text) => text);
        const values = pickSamples(body.value, jsonPath, (0,fetch_json/* redactUrl */.BO)(url));
        if (!values.ok)
            return values;
        const intervalMs = this.config.interval ?? null;
        return (0,engine_result.ok)({ values: (0,aggregate/* takeWindow */.IY)(values.value, request.windowMs, intervalMs), intervalMs });
    }
}
function fillPlaceholders(template, request, encode) {
    const values = {
        series: request.series,
        variant: request.variant ?? '',
        window: String(Math.round(request.windowMs / 1_000)),
    };
    return template.replace(/\{\{\s*(series|variant|window)\s*\}\}/g, (_, name) => encode(values[name] ?? ''));
}
/**
 * Samples selected by a JSONPath. Nothing selected is an empty window, not an
 * error: Prometheus answers `"result": []` when a version got no traffic,
 * and that is no data (no data is explicit), which the caller reports as such.
 */
function pickSamples(body, jsonPath, where) {
    let matches;
    try {
        matches = (0,index_node_esm/* JSONPath */.E)({ path: jsonPath, json: body, wrap: true });
    }
    catch (thrown) {
        return (0,source_fault/* fault */.D)('config', `source.json-path ${jsonPath} is not a valid JSONPath: ${thrown.message}`);
    }
    const only = matches[0];
    const items = matches.length === 1 && Array.isArray(only) && !isPair(only) ? only : matches;
    const values = [];
    for (const [index, item] of items.entries()) {
        const value = toSample(item);
        if (value === undefined) {
            return (0,source_fault/* fault */.D)('malformed', `json-path ${jsonPath} on ${where} gave ${JSON.stringify(item)} at [${index}]; expected a number, [timestamp, value] or {"value": …}`);
        }
        values.push(value);
    }
    return (0,engine_result.ok)(values);
}
/** A Prometheus sample `[1700000000.5, "0.02"]`: a timestamp and a value written as a string. */
function isPair(item) {
    return item.length === 2 && typeof item[0] === 'number' && typeof item[1] === 'string';
}
function toSample(item) {
    if (typeof item === 'number')
        return item;
    // null and Prometheus' "NaN" are gaps; they are kept as NaN so the window's length stays honest.
    if (item === null)
        return NaN;
    if (typeof item === 'string')
        return item.trim() !== '' && !Number.isNaN(Number(item)) ? Number(item) : item === 'NaN' ? NaN : undefined;
    if (Array.isArray(item) && item.length === 2)
        return toSample(item[1]);
    if (typeof item === 'object' && 'value' in item)
        return toSample(item.value);
    return undefined;
}

// EXTERNAL MODULE: ./.build/sources/http/send-request.js + 3 modules
var send_request = __webpack_require__(2536);
// EXTERNAL MODULE: ./.build/sources/json-text.js
var json_text = __webpack_require__(6373);
;// CONCATENATED MODULE: ./.build/sources/metrics/posthog-config.js


/** What a series counts when `events` does not name it: PostHog's exception and page-view events. */
const BUILT_IN_EVENTS = { errors: '$exception', pageviews: '$pageview' };
/** PostHog's own rule for flag keys and variant keys: letters, digits, `-` and `_`. */
const keyName = schemas/* string */.YjP().regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be a PostHog flag or variant key: letters, digits, `-` and `_`');
/** Event names as products send them (`$pageview`, `checkout completed`, `api:error`): no quotes, backslashes or braces. */
const eventName = schemas/* string */.YjP()
    .max(200)
    .regex(/^[\w$][\w$ .:/@()-]*(?<! )$/, 'must be an event name: letters, digits, spaces and $ _ . : / @ ( ) -, not beginning or ending with a space');
const posthog_config_configSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz('posthog'),
    project: schemas/* union */.KCZ([schemas/* string */.YjP().regex(/^\d+$/, 'must be the numeric project id (Project settings → Project ID)'), schemas/* number */.aig().int().positive().transform(String)]),
    url: schemas/* string */.YjP()
        .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be the base URL of PostHog, such as https://us.posthog.com, https://eu.posthog.com or your own host, without a path')
        .transform((url) => url.replace(/\/+$/, ''))
        .default('https://us.posthog.com'),
    'token-env': envNameField.default('POSTHOG_PERSONAL_API_KEY'),
    flag: keyName.optional(),
    variants: schemas/* strictObject */.rej({ canary: keyName.default('true'), baseline: keyName.default('false') }).default({ canary: 'true', baseline: 'false' }),
    events: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[\w.-]+$/, 'must be a series name: letters, digits, `.`, `_` and `-`'), eventName).default({}),
    interval: durationField.refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 1m').default(60_000),
    timeout: timerDurationField.optional(),
});

;// CONCATENATED MODULE: ./.build/sources/metrics/posthog-hogql.js




/**
 * The one HogQL query the `posthog` source sends, and how its answer is
 * read. The query text is a constant: everything that varies (the event,
 * the flag property, the variant, the window) goes in the request's
 * `values`, which PostHog substitutes for the `{name}` placeholders as
 * constants, so no configured text is ever parsed as HogQL.
 *
 * Per bucket of the window it counts the events named (`matching`) and
 * every event of the variant whatever its name (`flagged`): a variant no
 * event carries in the whole window (a misspelt variant or flag, a flag
 * whose property the SDK does not send) is no data, never a variant
 * without a single error.
 */
const SELECT = 'SELECT intDiv(toUnixTimestamp(timestamp) - {start_epoch}, {step_seconds}) AS bucket, countIf(event = {event}) AS matching, count() AS flagged FROM events';
const WINDOW = 'WHERE timestamp >= toDateTime({start}) AND timestamp < toDateTime({end})';
const TAIL = 'GROUP BY bucket ORDER BY bucket LIMIT 10000';
/** Canary and baseline reads: the events whose `$feature/<flag>` property is the variant's value. */
const VARIANT_QUERY = `${SELECT} ${WINDOW} AND properties[{flag_property}] = {flag_value} ${TAIL}`;
/** A read of the one live version: every event of the project. */
const LIVE_QUERY = `${SELECT} ${WINDOW} ${TAIL}`;
const COLUMNS = ['bucket', 'matching', 'flagged'];
/** The query's LIMIT: a window of more buckets than this is refused before it is asked. */
const MAX_BUCKETS = 10_000;
function bucketGrid(now, windowMs, intervalMs) {
    const endMs = Math.floor(now.getTime() / 1_000) * 1_000;
    const stepMs = Math.max(1_000, Math.floor(Math.min(intervalMs, windowMs) / 1_000) * 1_000);
    const count = Math.max(1, Math.floor(windowMs / stepMs));
    return { startMs: endMs - count * stepMs, stepMs, count };
}
function hogqlRequest(event, filter, grid) {
    const window = {
        event,
        start_epoch: grid.startMs / 1_000,
        step_seconds: grid.stepMs / 1_000,
        start: isoSeconds(grid.startMs),
        end: isoSeconds(grid.startMs + grid.count * grid.stepMs),
    };
    if (filter === null)
        return { kind: 'HogQLQuery', query: LIVE_QUERY, values: window };
    return { kind: 'HogQLQuery', query: VARIANT_QUERY, values: { ...window, flag_property: `$feature/${filter.flag}`, flag_value: filter.value } };
}
function isoSeconds(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
const count = schemas/* number */.aig().int().min(0);
const answerSchema = schemas/* looseObject */._H3({
    results: schemas/* array */.YOg(schemas/* tuple */.PVZ([schemas/* number */.aig().int(), count, count])),
    columns: schemas/* array */.YOg(schemas/* string */.YjP()),
    hasMore: schemas/* boolean */.zMY().nullish(),
    error: schemas/* string */.YjP().nullish(),
});
/**
 * The counts per bucket: a bucket without a row had no such events (0), as
 * the query groups only the events it found. `what` names the read in
 * messages; `nobody` says who no event carried, for the no-data warning.
 */
function readCounts(body, grid, what, nobody) {
    const parsed = answerSchema.safeParse(body, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `${what}: not an answer to the HogQL query asked: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const { results, columns, hasMore, error } = parsed.data;
    if (error)
        return (0,source_fault/* fault */.D)('provider', `${what}: PostHog reported a query error: ${error.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (columns.join(',') !== COLUMNS.join(','))
        return (0,source_fault/* fault */.D)('malformed', `${what}: PostHog answered columns ${JSON.stringify(columns)}, not ${JSON.stringify(COLUMNS)}`);
    if (hasMore === true)
        return (0,source_fault/* fault */.D)('malformed', `${what}: PostHog cut the answer short (hasMore), though the window has only ${grid.count} buckets`);
    const values = new Array(grid.count).fill(0);
    const seen = new Set();
    let flagged = 0;
    for (const [index, [bucket, matching, all]] of results.entries()) {
        if (bucket < 0 || bucket >= grid.count)
            return (0,source_fault/* fault */.D)('malformed', `${what}: results[${index}] is bucket ${bucket}, outside the window's 0–${grid.count - 1}`);
        if (seen.has(bucket))
            return (0,source_fault/* fault */.D)('malformed', `${what}: results[${index}] repeats bucket ${bucket}`);
        if (matching > all)
            return (0,source_fault/* fault */.D)('malformed', `${what}: results[${index}] counts ${matching} matching events of only ${all} in its bucket`);
        seen.add(bucket);
        values[bucket] = matching;
        flagged += all;
    }
    if (flagged === 0)
        return (0,engine_result.ok)({ values: [], intervalMs: null, warnings: [`${what}: no event in the window carries ${nobody}: no data`] });
    return (0,engine_result.ok)({ values, intervalMs: grid.stepMs });
}

;// CONCATENATED MODULE: ./.build/sources/metrics/posthog.js









/**
 * The `posthog` metric source: events counted per variant of a feature
 * flag, with PostHog's query API (`query_create`,
 * `POST /api/projects/{project_id}/query/` with a `HogQLQuery`). PostHog's
 * SDKs put the flag's value on every event they send as the property
 * `$feature/<flag>`, so the canary is the events whose value is
 * `variants.canary` (`true` for a boolean flag, a variant key for a
 * multivariate one) and the baseline those with `variants.baseline`
 * (`false`, or the control variant).
 *
 * ```yaml
 * source:
 *   type: posthog
 *   project: 12345
 *   flag: new-checkout
 *   # variants: { canary: 'true', baseline: 'false' }   # the default
 *   events: { checkouts: checkout_completed }          # over errors: $exception, pageviews: $pageview
 * metrics:
 *   error-rate: { ratio: { numerator: errors, denominator: pageviews }, max-increase: 50% }
 * ```
 *
 * A series is a count of one event per `interval` over the window; see
 * `posthog-hogql.ts` for the query and why its text never holds config.
 */
const postHogSource = {
    kind: 'posthog',
    schema: posthog_config_configSchema,
    create(config, context) {
        const name = config['token-env'];
        const token = (0,secret_registry/* readCredential */.Yz)(context.env, name);
        if (!token)
            return (0,source_fault/* fault */.D)('config', `source.token-env names ${name}, but ${name} is not set; PostHog's query API needs a personal API key with the query:read scope`);
        return (0,engine_result.ok)(new PostHogMetricSource(config, { authorization: `Bearer ${token}` }, context.http ?? {}));
    },
};
class PostHogMetricSource {
    config;
    headers;
    http;
    kind = 'posthog';
    where;
    events;
    constructor(config, headers, http) {
        this.config = config;
        this.headers = headers;
        this.http = http;
        this.where = `project ${config.project} at ${(0,fetch_json/* redactUrl */.BO)(config.url)}`;
        this.events = { ...BUILT_IN_EVENTS, ...config.events };
    }
    async query(request) {
        if (request.query !== undefined)
            return (0,source_fault/* fault */.D)('config', `metric query ${JSON.stringify(request.query)}: the posthog source takes no per-metric query; name a series (${Object.keys(this.events).join(', ')}) or add one under source.events`);
        const event = this.events[request.series];
        if (event === undefined)
            return (0,source_fault/* fault */.D)('config', `the posthog source has no series \`${request.series}\`: use one of ${Object.keys(this.events).join(', ')}, or add it under source.events (series: event name)`);
        const filter = this.filterFor(request);
        if (!filter.ok)
            return filter;
        const grid = bucketGrid(request.now, request.windowMs, this.config.interval);
        if (grid.count > MAX_BUCKETS)
            return (0,source_fault/* fault */.D)('config', `the window of series \`${request.series}\` holds ${grid.count} buckets of ${grid.stepMs / 1_000}s; PostHog answers at most ${MAX_BUCKETS} rows: raise source.interval`);
        const what = `posthog ${this.where} \`${request.series}\` (${event}${filter.value ? `, $feature/${filter.value.flag} = ${filter.value.value}` : ''})`;
        const body = { query: hogqlRequest(event, filter.value, grid), name: `rollout-guard ${request.series}${request.variant ? ` ${request.variant}` : ''}`.slice(0, 128) };
        const answer = await this.post(body, what);
        if (!answer.ok)
            return answer;
        const nobody = filter.value ? `$feature/${filter.value.flag} = ${filter.value.value}` : 'any event of the project';
        return readCounts(answer.value, grid, what, nobody);
    }
    /** The variant's property filter; a canary or baseline read without a flag would compare a thing with itself. */
    filterFor(request) {
        if (request.variant === null)
            return (0,engine_result.ok)(null);
        if (this.config.flag === undefined)
            return (0,source_fault/* fault */.D)('config', `the ${request.variant} of series \`${request.series}\` is told apart by a feature flag, and the posthog source names none: set source.flag to the flag's key`);
        return (0,engine_result.ok)({ flag: this.config.flag, value: this.config.variants[request.variant] });
    }
    async post(body, what) {
        const url = `${this.config.url}/api/projects/${this.config.project}/query/`;
        const label = `POST ${(0,fetch_json/* redactUrl */.BO)(url)}`;
        // A query only reads, so retrying it on 429 and 5xx (as the helper does) is safe.
        const sent = await (0,send_request/* sendRequest */.w)({ method: 'POST', url, headers: this.headers, publicHeaders: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), label }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
        if (!sent.ok)
            return (0,source_fault/* fault */.D)('provider', `${what}: ${sent.error.message}`);
        const { status, text, tries } = sent.value;
        const parsed = (0,json_text/* parseJsonText */.lk)(text);
        if (status >= 200 && status < 300)
            return parsed.ok ? (0,engine_result.ok)(parsed.value) : (0,source_fault/* fault */.D)('malformed', `${what}: ${label} answered ${status}, but its body is ${(0,json_text/* describeJsonTextError */.Pj)(parsed.error)}`);
        const detail = detailOf(parsed.ok ? parsed.value : undefined);
        // A 400 is PostHog refusing the query (an unknown property type, a HogQL error): the config's to fix, not an outage.
        if (status === 400)
            return (0,source_fault/* fault */.D)('config', `${what}: PostHog refused the query${detail ? `: ${detail}` : ''}`);
        const after = tries > 1 ? ` after ${tries} tries` : '';
        const reasons = [this.hintFor(status), detail].filter(Boolean).join(': ');
        return (0,source_fault/* fault */.D)('provider', `${what}: ${label} answered ${status}${after}${reasons ? `; ${reasons}` : ''}`);
    }
    hintFor(status) {
        const { project } = this.config;
        if (status === 401 || status === 403)
            return `check that ${this.config['token-env']} holds a PostHog personal API key with the query:read scope and access to project ${project}`;
        if (status === 404)
            return `check source.project (${project}) and source.url (${this.config.url})`;
        return undefined;
    }
}
/** PostHog explains a refusal in `{"type": …, "detail": "…"}`. */
function detailOf(body) {
    const parsed = schemas/* object */.Ikc({ detail: schemas/* string */.YjP().min(1) }).safeParse(body);
    return parsed.success ? parsed.data.detail.replace(/\s+/g, ' ').slice(0, 300) : undefined;
}

;// CONCATENATED MODULE: ./.build/sources/metrics/prometheus.js









const queryEntry = schemas/* union */.KCZ([schemas/* string */.YjP().min(1), schemas/* strictObject */.rej({ query: schemas/* string */.YjP().min(1), instant: schemas/* boolean */.zMY().optional() })]);
const basicAuth = schemas/* strictObject */.rej({ 'username-env': envNameField, 'password-env': envNameField });
const prometheus_configSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz('prometheus'),
    url: schemas/* string */.YjP()
        .regex(/^https?:\/\//, 'must be an http:// or https:// URL')
        .refine((url) => !/\/api\/v1(\/|$)/.test(url), 'must be the base URL, without /api/v1')
        .refine((url) => !/^https?:\/\/[^/]*@/.test(url), 'must not hold credentials; name their variables in auth.basic'),
    query: schemas/* string */.YjP().min(1).optional(),
    queries: schemas/* record */.g1P(schemas/* string */.YjP(), queryEntry).optional(),
    instant: schemas/* boolean */.zMY().optional(),
    step: durationField.refine((ms) => ms >= 1_000, 'must be 1s or more').optional(),
    timeout: timerDurationField.optional(),
    auth: schemas/* strictObject */.rej({ 'bearer-env': envNameField.optional(), basic: basicAuth.optional() })
        .refine((auth) => (auth['bearer-env'] === undefined) !== (auth.basic === undefined), 'give either bearer-env or basic')
        .optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String)).optional(),
});
const prometheusSource = {
    kind: 'prometheus',
    schema: prometheus_configSchema,
    create(config, context) {
        const auth = authHeader(config.auth, context.env);
        if (!auth.ok)
            return auth;
        return (0,engine_result.ok)(new PrometheusMetricSource(config, { ...config.headers, ...auth.value }, context.http ?? {}));
    },
};
function authHeader(auth, env) {
    if (auth === undefined)
        return (0,engine_result.ok)({});
    const names = auth.basic
        ? [['basic.username-env', auth.basic['username-env']], ['basic.password-env', auth.basic['password-env']]]
        : [['bearer-env', auth['bearer-env'] ?? '']];
    const values = names.map(([key, name]) => [key, name, (0,secret_registry/* readCredential */.Yz)(env, name)]);
    const unset = values.find(([, , value]) => value === undefined);
    if (unset)
        return (0,source_fault/* fault */.D)('config', `source.auth.${unset[0]} names ${unset[1]}, but ${unset[1]} is not set`);
    const [first, second] = values.map(([, , value]) => value);
    if (second === undefined)
        return (0,engine_result.ok)({ authorization: `Bearer ${first}` });
    return (0,engine_result.ok)({ authorization: `Basic ${Buffer.from(`${first}:${second}`).toString('base64')}` });
}
class PrometheusMetricSource {
    config;
    headers;
    http;
    kind = 'prometheus';
    where;
    base;
    stepMs;
    constructor(config, headers, http) {
        this.config = config;
        this.headers = headers;
        this.http = http;
        this.base = config.url.replace(/\/+$/, '');
        this.where = (0,fetch_json/* redactUrl */.BO)(this.base);
        this.stepMs = config.step ?? 60_000;
    }
    async query(request) {
        const prepared = this.prepare(request);
        if (!prepared.ok)
            return prepared;
        const { promql, instant } = prepared.value;
        const grid = instant ? null : this.gridFor(request);
        const body = await this.run(promql, grid, request.now);
        if (!body.ok)
            return body;
        const read = readPrometheusBody(body.value, promql, grid);
        if (!read.ok)
            return read;
        return (0,engine_result.ok)({ values: read.value.values, intervalMs: grid ? this.stepMs : null, warnings: read.value.warnings });
    }
    async queryHistogram(request) {
        const prepared = this.prepare(request);
        if (!prepared.ok)
            return prepared;
        const { promql, instant } = prepared.value;
        // One value at `now` cannot say how many requests each interval had, which the judge compares.
        if (instant)
            return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} for histogram \`${request.series}\` is instant (\`instant: true\` on it or on the source); a histogram needs per-interval counts from a range query`);
        const grid = this.gridFor(request);
        const body = await this.run(promql, grid, request.now);
        if (!body.ok)
            return body;
        const read = readPrometheusHistogramBody(body.value, promql, grid);
        if (!read.ok)
            return read;
        return (0,engine_result.ok)({ buckets: read.value.buckets, intervalMs: this.stepMs, warnings: read.value.warnings });
    }
    /** The request's PromQL, placeholders filled, and whether it is an instant query. */
    prepare(request) {
        const entry = request.query === undefined ? this.config.queries?.[request.series] : undefined;
        const queries = Object.fromEntries(Object.entries(this.config.queries ?? {}).map(([name, e]) => [name, typeof e === 'string' ? e : e.query]));
        const template = pickQueryTemplate(request, { query: this.config.query, queries });
        if (!template.ok)
            return template;
        const values = { ...requestValues(request), window: promDuration(request.windowMs), interval: promDuration(this.stepMs) };
        const promql = fillQueryTemplate(template.value, values, request.series);
        if (!promql.ok)
            return promql;
        const instant = (typeof entry === 'object' ? entry.instant : undefined) ?? this.config.instant ?? false;
        return (0,engine_result.ok)({ promql: promql.value, instant });
    }
    /** Points at end − (n−1)·step … end: with `increase(…[{{interval}}])` each counts the step before it, so n steps cover the window. */
    gridFor(request) {
        const count = Math.max(1, Math.ceil(request.windowMs / this.stepMs));
        return { startMs: request.now.getTime() - (count - 1) * this.stepMs, stepMs: this.stepMs, count };
    }
    /** A range query over the grid, or an instant query at `now` without one; the answer's body. */
    async run(promql, grid, now) {
        const params = grid
            ? { query: promql, start: seconds(grid.startMs), end: seconds(now.getTime()), step: seconds(this.stepMs) }
            : { query: promql, time: seconds(now.getTime()) };
        return this.get(`${this.base}/api/v1/${grid ? 'query_range' : 'query'}?${new URLSearchParams(params)}`, promql);
    }
    /** GET with retries; a refusal Prometheus explains in its error envelope keeps its words and its kind. */
    async get(url, promql) {
        const hint = (_status, body) => {
            const envelope = errorEnvelope.safeParse(body);
            return envelope.success ? `${envelope.data.errorType}: ${envelope.data.error}` : undefined;
        };
        const answer = await getProviderJson({ url, headers: this.headers, hint }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
        if (answer.body.ok)
            return answer.body;
        const envelope = errorEnvelope.safeParse(answer.errorBody);
        if (envelope.success && faultKindOf(envelope.data.errorType) === 'config')
            return refused(promql, envelope.data);
        // getJson names the whole URL; the query string repeats the PromQL, shown once, readably, at the end instead.
        const message = answer.body.error.message.replace((0,fetch_json/* redactUrl */.BO)(url), (0,fetch_json/* redactUrl */.BO)(url.split('?')[0]));
        return (0,source_fault/* fault */.D)(answer.body.error.kind, `prometheus: ${message} (query ${prometheus_shown(promql)})`);
    }
}
const errorEnvelope = schemas/* object */.Ikc({ status: schemas/* literal */.euz('error'), errorType: schemas/* string */.YjP().default('error'), error: schemas/* string */.YjP().default('') });
/**
 * Prometheus' error types: `bad_data` (400, the query or a parameter is
 * wrong) and `execution` (422, e.g. many-to-many matching) are the user's to
 * fix; `timeout`, `canceled`, `internal`, `unavailable` (503) are the
 * server's, kept apart as provider faults.
 */
function faultKindOf(errorType) {
    return errorType === 'bad_data' || errorType === 'execution' ? 'config' : 'provider';
}
function refused(promql, envelope) {
    return (0,source_fault/* fault */.D)(faultKindOf(envelope.errorType), `prometheus rejected query ${prometheus_shown(promql)}: ${envelope.errorType}: ${envelope.error.replace(/\s+/g, ' ')}`);
}
const sample = schemas/* tuple */.PVZ([schemas/* number */.aig(), schemas/* string */.YjP()]);
const RESULT_SCHEMAS = {
    matrix: schemas/* array */.YOg(schemas/* object */.Ikc({ metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()), values: schemas/* array */.YOg(sample).default([]) })),
    vector: schemas/* array */.YOg(schemas/* object */.Ikc({ metric: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP()), value: sample }).transform(({ metric, value }) => ({ metric, values: [value] }))),
    scalar: sample.transform((value) => [{ metric: {}, values: [value] }]),
    string: sample,
};
const successSchema = schemas/* object */.Ikc({
    status: schemas/* literal */.euz('success'),
    data: schemas/* object */.Ikc({ resultType: schemas/* enum */.k5n(['matrix', 'vector', 'scalar', 'string']), result: schemas/* unknown */.L5J() }),
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    infos: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
});
/**
 * The series of a Prometheus API answer, values read as numbers; an error
 * envelope, a string, or a shape that is no API answer is a fault naming the query.
 */
function readSeriesOf(body, promql) {
    const failed = errorEnvelope.safeParse(body);
    if (failed.success)
        return refused(promql, failed.data);
    const parsed = successSchema.safeParse(body, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `prometheus answered ${prometheus_shown(promql)} with something other than an API response: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const { resultType, result } = parsed.data.data;
    if (resultType === 'string')
        return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returns a string; it must return a number`);
    const typed = RESULT_SCHEMAS[resultType].safeParse(result, { reportInput: true });
    if (!typed.success)
        return (0,source_fault/* fault */.D)('malformed', `prometheus ${resultType} for ${prometheus_shown(promql)}: ${(0,zod_issue/* describeFirstIssue */.$)(typed.error, 'data.result')}`);
    const warnings = [...(parsed.data.warnings ?? []), ...(parsed.data.infos ?? [])];
    const series = [];
    for (const { metric, values } of typed.data) {
        const samples = values.map(([time, text]) => [time * 1_000, parseValue(text)]);
        const bad = samples.find(([, value]) => value === undefined);
        if (bad)
            return (0,source_fault/* fault */.D)('malformed', `prometheus answered ${prometheus_shown(promql)} with a value that is not a number at ${bad[0] / 1_000}`);
        series.push({ metric, samples: samples });
    }
    return (0,engine_result.ok)({ series, warnings });
}
/**
 * The values of a Prometheus API answer. With a grid (a range query) each
 * value goes to its step and a step Prometheus left out is NaN (a gap, so the
 * window's length stays honest); without, values keep their order. No series
 * is an empty window: no data, never an error or a pass (no data is explicit, never a pass).
 */
function readPrometheusBody(body, promql, grid) {
    const read = readSeriesOf(body, promql);
    if (!read.ok)
        return read;
    const { series, warnings } = read.value;
    if (series.length === 0)
        return (0,engine_result.ok)({ values: [], warnings });
    if (series.length > 1) {
        const more = series.length > 2 ? ', …' : '';
        return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returned ${series.length} series (${series.slice(0, 2).map(labelsOf).join(', ')}${more}); it must aggregate to one, e.g. sum(...)`);
    }
    const { samples } = series[0];
    return (0,engine_result.ok)({ values: grid ? placeOnGrid(samples, grid) : samples.map(([, value]) => value), warnings });
}
/**
 * The buckets of a classic histogram from a range query returning one series
 * per `le` (`sum by (le) (increase(…_bucket[{{interval}}]))`), each placed on
 * the grid, ascending by bound. No series is no data (`buckets: []`); whether
 * the counts make a histogram (rising with `le`, a +Inf bucket) is the
 * judge's to check, as it knows the metric.
 */
function readPrometheusHistogramBody(body, promql, grid) {
    const read = readSeriesOf(body, promql);
    if (!read.ok)
        return read;
    const { series, warnings } = read.value;
    const unbounded = series.find(({ metric }) => metric.le === undefined);
    if (unbounded)
        return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returned a series without \`le\` (${labelsOf(unbounded)}); a histogram's query must keep \`le\`: sum by (le) (…)`);
    const extra = series.find(({ metric }) => Object.keys(metric).length > 1);
    if (extra)
        return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returned a series labelled ${labelsOf(extra)}; a histogram's query must aggregate to one series per \`le\`: sum by (le) (…)`);
    const ordered = orderBuckets(series.map(({ metric, samples }) => [metric.le, placeOnGrid(samples, grid)]));
    if (ordered.ok)
        return (0,engine_result.ok)({ buckets: ordered.value, warnings });
    const problem = ordered.error;
    if ('notABound' in problem)
        return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returned le="${problem.notABound}", which is not a number; a bucket's \`le\` is its upper bound`);
    // Prometheus 3 writes `1.0` where 2 wrote `1`: a query over both spellings of one bound counts its requests twice.
    const [first, second] = problem.sameBound;
    return (0,source_fault/* fault */.D)('config', `prometheus query ${prometheus_shown(promql)} returned two series for one bound (le="${first}" and le="${second}"); aggregate them into one, e.g. by label_replace on \`le\``);
}
function labelsOf({ metric }) {
    return `{${Object.entries(metric).map(([name, value]) => `${name}="${value}"`).join(',')}}`;
}
/** Prometheus writes values as strings so that NaN and ±Inf survive JSON. ±Inf is kept: a p99 in the +Inf bucket is a finding, not a gap. */
function parseValue(text) {
    const special = { NaN: NaN, '+Inf': Infinity, Inf: Infinity, '-Inf': -Infinity };
    if (Object.hasOwn(special, text))
        return special[text];
    const value = Number(text);
    return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}
function prometheus_shown(promql) {
    return `\`${oneLine(promql)}\``;
}
/** A PromQL duration: whole seconds as `300s`, anything finer in `ms`. */
function promDuration(ms) {
    return ms % 1_000 === 0 ? `${ms / 1_000}s` : `${Math.round(ms)}ms`;
}
/** API timestamps and steps: seconds, milliseconds as decimals. */
function seconds(ms) {
    return String(ms / 1_000);
}

;// CONCATENATED MODULE: ./.build/sources/metrics/sentry-answers.js





const sessionsSchema = schemas/* object */.Ikc({
    intervals: schemas/* array */.YOg(schemas/* string */.YjP()),
    groups: schemas/* array */.YOg(schemas/* object */.Ikc({
        by: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()),
        series: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(schemas/* number */.aig().nullable())),
    })),
});
/**
 * `GET /organizations/{org}/sessions/?field=sum(session)&groupBy=session.status`:
 * one group per status with a value per interval. Sentry lists every
 * interval of the (rounded) range and zero-fills each group's series, and
 * leaves a status with no session out, so a missing group is zero sessions;
 * a `null` is a gap. `statuses` picks the groups to add up, all when absent.
 */
function readSessions(body, statuses, what, window) {
    const parsed = sessionsSchema.safeParse(body, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `${what}: not a sessions answer: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const { intervals, groups } = parsed.data;
    const times = intervals.map((stamp) => Date.parse(stamp));
    const badTime = times.findIndex((time, index) => !Number.isFinite(time) || (index > 0 && time <= times[index - 1]));
    if (badTime >= 0)
        return (0,source_fault/* fault */.D)('malformed', `${what}: intervals[${badTime}] ${JSON.stringify(intervals[badTime])} is not a time after the one before it`);
    // Intervals that miss the window asked for (a stale or cached answer) are some other time's sessions, not this window's.
    if (window && times.length > 0) {
        const lastEnd = times.at(-1) + (times.length > 1 ? times[1] - times[0] : 0);
        if (times.at(-1) >= window.toMs || lastEnd < window.fromMs) {
            return (0,source_fault/* fault */.D)('malformed', `${what}: the intervals ${intervals[0]} to ${intervals.at(-1)} are not of the window asked for, ${new Date(window.fromMs).toISOString()} to ${new Date(window.toMs).toISOString()}`);
        }
    }
    const values = new Array(intervals.length).fill(0);
    for (const [groupIndex, group] of groups.entries()) {
        const status = group.by['session.status'];
        if (typeof status !== 'string')
            return (0,source_fault/* fault */.D)('malformed', `${what}: groups[${groupIndex}] has no session.status; the query groups by it`);
        const series = group.series['sum(session)'];
        if (!series || series.length !== intervals.length) {
            return (0,source_fault/* fault */.D)('malformed', `${what}: groups[${groupIndex}] (${status}) has ${series?.length ?? 'no'} sum(session) values for ${intervals.length} intervals`);
        }
        if (statuses && !statuses(status))
            continue;
        for (const [index, value] of series.entries()) {
            const problem = countProblem(value, 'count');
            if (problem)
                return (0,source_fault/* fault */.D)('malformed', `${what}: ${status} sessions at ${intervals[index]} ${problem}`);
            values[index] = value === null || Number.isNaN(values[index]) ? NaN : values[index] + value;
        }
    }
    const stepMs = times.length > 1 ? times[1] - times[0] : null;
    return (0,engine_result.ok)({ values, intervalMs: stepMs });
}
const pointSchema = schemas/* object */.Ikc({
    timestamp: schemas/* number */.aig(),
    value: schemas/* number */.aig().nullable(),
    incomplete: schemas/* boolean */.zMY().optional(),
    sampleRate: schemas/* number */.aig().nullable().optional(),
});
const timeseriesSchema = schemas/* object */.Ikc({
    timeSeries: schemas/* array */.YOg(schemas/* object */.Ikc({ values: schemas/* array */.YOg(pointSchema), yAxis: schemas/* string */.YjP(), meta: schemas/* object */.Ikc({ interval: schemas/* number */.aig() }) })),
});
/**
 * `GET /organizations/{org}/events-timeseries/`: one series (no `groupBy`)
 * of `{timestamp, value}` points, timestamps and `meta.interval` in ms.
 * Points go on the interval's grid over the window, so a bucket Sentry left
 * out is a gap and two series of one window line up. Sentry zero-fills a
 * bucket with no events, so a count of 0 is a real zero; a percentile of an
 * empty bucket is zero-filled too, which the caller turns into a gap with the
 * bucket's count. No series at all is no data.
 */
function readTimeseries(body, kind, window, what, yAxis) {
    const parsed = timeseriesSchema.safeParse(body, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('malformed', `${what}: not an events-timeseries answer: ${(0,zod_issue/* describeFirstIssue */.$)(parsed.error)}`);
    const { timeSeries } = parsed.data;
    if (timeSeries.length === 0)
        return (0,engine_result.ok)({ values: [], intervalMs: null });
    if (timeSeries.length > 1)
        return (0,source_fault/* fault */.D)('malformed', `${what}: ${timeSeries.length} series came back for a query without groupBy`);
    const series = timeSeries[0];
    // The zero-filled values of another aggregate would read as a clean release.
    if (yAxis !== undefined && series.yAxis.replace(/\s+/g, '') !== yAxis.replace(/\s+/g, ''))
        return (0,source_fault/* fault */.D)('malformed', `${what}: Sentry answered a series of ${series.yAxis}, not of ${yAxis}`);
    const stepMs = series.meta.interval;
    if (!(stepMs >= 1_000) || stepMs % 1_000 !== 0)
        return (0,source_fault/* fault */.D)('malformed', `${what}: meta.interval ${stepMs} is not a whole number of seconds in ms`);
    const samples = [];
    for (const [index, point] of series.values.entries()) {
        if (index > 0 && point.timestamp <= series.values[index - 1].timestamp)
            return (0,source_fault/* fault */.D)('malformed', `${what}: values[${index}] is not later than the point before it`);
        // Extrapolated span counts (sampled traffic scaled up by the sample rate) are estimates, not whole numbers.
        const estimated = kind === 'estimated-count' || (kind === 'count' && point.sampleRate != null && point.sampleRate < 1);
        const value = point.value !== null && estimated ? Math.round(point.value) : point.value;
        const problem = countProblem(value, estimated ? 'measure' : kind);
        if (problem)
            return (0,source_fault/* fault */.D)('malformed', `${what}: the value at ${new Date(point.timestamp).toISOString()} ${problem}`);
        samples.push([point.timestamp, value ?? NaN]);
    }
    const first = Math.floor(window.fromMs / stepMs);
    const grid = { startMs: first * stepMs, stepMs, count: Math.max(0, Math.ceil(window.toMs / stepMs) - first) };
    return (0,engine_result.ok)({ values: placeOnGrid(samples, grid), intervalMs: stepMs });
}
/** Why a value cannot be believed, or `null`. */
function countProblem(value, kind) {
    if (value === null)
        return null;
    if (!Number.isFinite(value) || value < 0)
        return `is ${value}, not a number of 0 or more`;
    if (kind === 'count' && !Number.isInteger(value))
        return `is ${value}, not a whole count`;
    return null;
}

;// CONCATENATED MODULE: ./.build/sources/metrics/sentry-config.js


const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const slug = schemas/* string */.YjP().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be a slug such as acme, or a numeric id');
const releaseTemplate = schemas/* string */.YjP().min(1);
const sentry_config_configSchema = schemas/* strictObject */.rej({
    type: schemas/* literal */.euz('sentry'),
    organization: slug,
    project: schemas/* union */.KCZ([slug, schemas/* number */.aig().int().positive().transform(String)]),
    url: schemas/* string */.YjP()
        .regex(/^https?:\/\/[^/?#\s]+\/?$/, 'must be the base URL of Sentry, such as https://sentry.io or https://sentry.example.com, without a path')
        .transform((url) => url.replace(/\/+$/, ''))
        .default('https://sentry.io'),
    'token-env': envNameField.default('SENTRY_AUTH_TOKEN'),
    environment: schemas/* string */.YjP().min(1).optional(),
    interval: durationField
        .refine((ms) => ms >= 1_000 && ms % 1_000 === 0, 'must be whole seconds, e.g. 1m')
        .refine((ms) => ms < HOUR_MS || DAY_MS % ms === 0, 'of an hour or more must divide a day evenly (sessions are bucketed so), e.g. 1h, 2h, 6h')
        .default(60_000),
    release: releaseTemplate.nullable().default('{{version}}'),
    releases: schemas/* strictObject */.rej({ canary: releaseTemplate.optional(), baseline: releaseTemplate.optional() }).optional(),
    queries: schemas/* record */.g1P(schemas/* string */.YjP().regex(/^[\w.-]+$/), schemas/* strictObject */.rej({ dataset: schemas/* enum */.k5n(['errors', 'spans']), 'y-axis': schemas/* string */.YjP().min(1), query: schemas/* string */.YjP().optional() }))
        .optional(),
    timeout: timerDurationField.optional(),
});

;// CONCATENATED MODULE: ./.build/sources/metrics/sentry.js








/** `p75` of a Web Vital from the spans that carry it (pageloads; interactions for INP). */
const vital = (name) => ({ endpoint: 'events', dataset: 'spans', yAxis: `p75(measurements.${name})`, filter: `has:measurements.${name}`, kind: 'measure' });
const BUILT_IN = {
    errors: { endpoint: 'events', dataset: 'errors', yAxis: 'count()', filter: '', kind: 'count' },
    // Transactions are the spans that are a transaction's root, counted from sampled traces scaled by their sample rate.
    transactions: { endpoint: 'events', dataset: 'spans', yAxis: 'count()', filter: 'is_transaction:true', kind: 'estimated-count' },
    sessions: { endpoint: 'sessions', statuses: null },
    // Sentry's statuses: healthy, errored, crashed, abnormal (and unhandled): every one but healthy had an error.
    'errored-sessions': { endpoint: 'sessions', statuses: (status) => status !== 'healthy' },
    'crashed-sessions': { endpoint: 'sessions', statuses: (status) => status === 'crashed' },
    lcp: vital('lcp'),
    cls: vital('cls'),
    inp: vital('inp'),
    fcp: vital('fcp'),
};
const SENTRY_SERIES = Object.keys(BUILT_IN);
const sentrySource = {
    kind: 'sentry',
    schema: sentry_config_configSchema,
    create(config, context) {
        const name = config['token-env'];
        const token = (0,secret_registry/* readCredential */.Yz)(context.env, name);
        if (!token)
            return (0,source_fault/* fault */.D)('config', `source.token-env names ${name}, but ${name} is not set; Sentry's API needs an auth token with the org:read, project:read and event:read scopes`);
        return (0,engine_result.ok)(new SentryMetricSource(config, { authorization: `Bearer ${token}` }, context.http ?? {}));
    },
};
class SentryMetricSource {
    config;
    headers;
    http;
    kind = 'sentry';
    where;
    constructor(config, headers, http) {
        this.config = config;
        this.headers = headers;
        this.http = http;
        this.where = `${config.organization}/${config.project} at ${(0,fetch_json/* redactUrl */.BO)(config.url).replace(/\/$/, '')}`;
    }
    async query(request) {
        if (request.query !== undefined)
            return (0,source_fault/* fault */.D)('config', `metric query ${JSON.stringify(request.query)}: the sentry source takes no per-metric query; name a series (${SENTRY_SERIES.join(', ')}) or add one under source.queries`);
        const plan = this.planFor(request);
        if (!plan.ok)
            return plan;
        const release = this.releaseFor(request, plan.value.endpoint === 'events' && plan.value.splitsVariants === true);
        if (!release.ok)
            return release;
        const what = `sentry ${this.where} \`${request.series}\`${request.variant ? ` (${request.variant})` : ''}`;
        const read = await this.readSeries(request, plan.value, release.value, what);
        return release.value === null ? read : this.unlessUnknownRelease(read, release.value, what);
    }
    /**
     * Sentry zero-fills the counts of a release it has never heard of, which
     * would read as a release without a single error: a misspelt release
     * would pass every count threshold. So a read of nothing but zeros is
     * only believed once Sentry confirms the release exists; otherwise it is
     * no data (the metric holds), with a warning saying why.
     */
    async unlessUnknownRelease(read, release, what) {
        if (!read.ok || !read.value.values.every((value) => value === 0))
            return read;
        const known = await this.isKnownRelease(release, what);
        if (!known.ok)
            return known;
        if (known.value)
            return read;
        return (0,engine_result.ok)({ values: [], intervalMs: null, warnings: [`Sentry knows no release ${JSON.stringify(release)} in ${this.config.organization}: no data (a misspelt release, or one that has sent nothing yet)`] });
    }
    async readSeries(request, plan, release, what) {
        if (plan.endpoint === 'sessions') {
            const body = await this.get('sessions', this.sessionsParams(request, release), what);
            const window = { fromMs: request.now.getTime() - request.windowMs, toMs: request.now.getTime() };
            return body.ok ? readSessions(body.value, plan.statuses, what, window) : body;
        }
        const events = plan;
        const filter = [events.filter, release === null ? '' : `release:${quoted(release)}`].filter(Boolean).join(' ');
        const window = { fromMs: request.now.getTime() - request.windowMs, toMs: request.now.getTime() };
        const read = async (yAxis, kind) => {
            const body = await this.get('events-timeseries', this.eventsParams(window, events.dataset, yAxis, filter), what);
            const read = body.ok ? readTimeseries(body.value, kind, window, what, yAxis) : body;
            // Sentry picks its own bucket when it finds the one asked for invalid (too many points for the window); say so.
            if (read.ok && read.value.intervalMs !== null && read.value.intervalMs !== this.config.interval) {
                return (0,engine_result.ok)({ ...read.value, warnings: [`Sentry answered in buckets of ${read.value.intervalMs / 1_000}s, not the ${this.config.interval / 1_000}s of source.interval`] });
            }
            return read;
        };
        if (events.kind !== 'measure')
            return read(events.yAxis, events.kind);
        // Sentry zero-fills an aggregate's empty buckets too, and an LCP of 0 would look perfect: a bucket without events is a gap.
        const [measure, count] = await Promise.all([read(events.yAxis, 'measure'), read('count()', 'estimated-count')]);
        if (!measure.ok)
            return measure;
        if (!count.ok)
            return count;
        const values = measure.value.values.map((value, index) => (count.value.values[index] > 0 ? value : NaN));
        return (0,engine_result.ok)({ ...measure.value, values });
    }
    /** Releases Sentry answered for; only `true` is kept, as a release appears with its first event. */
    knownReleases = new Set();
    async isKnownRelease(release, what) {
        if (this.knownReleases.has(release))
            return (0,engine_result.ok)(true);
        const answer = await this.ask(`releases/${encodeURIComponent(release)}/`);
        if (answer.body.ok) {
            this.knownReleases.add(release);
            return (0,engine_result.ok)(true);
        }
        if (answer.status === 404)
            return (0,engine_result.ok)(false);
        return (0,source_fault/* fault */.D)(answer.body.error.kind, `${what}: ${answer.body.error.message}`);
    }
    /**
     * A custom series' `query` is a template too: a feature flag's variant is
     * a tag on the events (`new_checkout:{{variant}}`), which tells canary and
     * baseline apart within one release.
     */
    planFor(request) {
        const { series } = request;
        const custom = this.config.queries?.[series];
        if (custom) {
            const kind = custom['y-axis'] !== 'count()' ? 'measure' : custom.dataset === 'spans' ? 'estimated-count' : 'count';
            const template = custom.query ?? '';
            const filter = fillQueryTemplate(template, requestValues(request), series);
            if (!filter.ok)
                return filter;
            const splitsVariants = /\{\{\s*(variant|version)\s*\}\}/.test(template);
            return (0,engine_result.ok)({ endpoint: 'events', dataset: custom.dataset, yAxis: custom['y-axis'], filter: filter.value, kind, splitsVariants });
        }
        const plan = BUILT_IN[series];
        if (plan)
            return (0,engine_result.ok)(plan);
        const customNames = Object.keys(this.config.queries ?? {});
        return (0,source_fault/* fault */.D)('config', `the sentry source has no series \`${series}\`: use one of ${[...SENTRY_SERIES, ...customNames].join(', ')}, or add it under source.queries`);
    }
    /** The release a read is of: the variant's template, else `release`, filled with the request's version and variant. */
    releaseFor(request, splitsVariants) {
        const template = (request.variant && this.config.releases?.[request.variant]) ?? this.config.release;
        if (template === null) {
            // Without a release filter canary and baseline read the same events, and a comparison of a thing with itself always passes, unless the series' own query tells them apart.
            if (request.variant !== null && !splitsVariants)
                return (0,source_fault/* fault */.D)('config', `source.release is null (every release), so the ${request.variant} of series \`${request.series}\` cannot be told apart; give source.releases.canary and source.releases.baseline, or a source.queries query that names {{variant}} (a flag variant's tag)`);
            return (0,engine_result.ok)(null);
        }
        const filled = fillQueryTemplate(template, requestValues(request), request.series);
        if (!filled.ok)
            return (0,source_fault/* fault */.D)('config', filled.error.message.replace(/^query for series/, 'release for series'));
        // Sentry refuses release names with whitespace or slashes; a quote or backslash would break the search query.
        if (!/^[^\s"\\/]+$/.test(filled.value))
            return (0,source_fault/* fault */.D)('config', `release ${JSON.stringify(filled.value)} for series \`${request.series}\` is not a Sentry release name (no spaces, quotes, slashes or backslashes)`);
        return (0,engine_result.ok)(filled.value);
    }
    sessionsParams(request, release) {
        // Sessions come in buckets of an hour or more; the API rounds the range out to whole buckets.
        const intervalMs = Math.max(this.config.interval, HOUR_MS);
        const interval = intervalMs % HOUR_MS === 0 ? `${intervalMs / HOUR_MS}h` : `${intervalMs / 60_000}m`;
        const params = new URLSearchParams({ field: 'sum(session)', groupBy: 'session.status', interval });
        params.set('start', new Date(request.now.getTime() - request.windowMs).toISOString());
        params.set('end', request.now.toISOString());
        params.set('project', this.config.project);
        if (this.config.environment)
            params.set('environment', this.config.environment);
        if (release !== null)
            params.set('query', `release:${quoted(release)}`);
        return params;
    }
    eventsParams(window, dataset, yAxis, filter) {
        const params = new URLSearchParams({ dataset, yAxis, interval: String(this.config.interval / 1_000) });
        params.set('start', new Date(window.fromMs).toISOString());
        params.set('end', new Date(window.toMs).toISOString());
        params.set('project', this.config.project);
        if (this.config.environment)
            params.set('environment', this.config.environment);
        if (filter)
            params.set('query', filter);
        return params;
    }
    async get(operation, params, what) {
        const answer = await this.ask(`${operation}/?${params}`);
        if (answer.body.ok)
            return answer.body;
        // A 400 is Sentry refusing the query (a bad custom y-axis or filter): the user's to fix, not an outage.
        const detail = sentry_detailOf(answer.errorBody);
        if (answer.status === 400)
            return (0,source_fault/* fault */.D)('config', `${what}: Sentry refused the query${detail ? `: ${detail}` : ''}`);
        return (0,source_fault/* fault */.D)(answer.body.error.kind, `${what}: ${answer.body.error.message.replace(/\?\S*/, '')}`);
    }
    /** One GET under the organization, with the token, the hints and Sentry's retry-at header. */
    ask(pathAndQuery) {
        const url = `${this.config.url}/api/0/organizations/${encodeURIComponent(this.config.organization)}/${pathAndQuery}`;
        return getProviderJson({ url, headers: this.headers, hint: (status, body) => this.hintFor(status, body), retryAtHeader: 'x-sentry-rate-limit-reset' }, { ...this.http, timeoutMs: this.config.timeout ?? this.http.timeoutMs });
    }
    hintFor(status, body) {
        const { organization, project } = this.config;
        const name = this.config['token-env'];
        if (status === 401 || status === 403)
            return `check that ${name} holds a Sentry auth token with the org:read, project:read and event:read scopes for organization ${organization}`;
        if (status === 404)
            return `check source.organization (${organization}) and source.project (${project})${sentry_detailOf(body) ? `: ${sentry_detailOf(body)}` : ''}`;
        return sentry_detailOf(body);
    }
}
/** Sentry explains a refusal in `{"detail": "…"}`. */
function sentry_detailOf(body) {
    const parsed = schemas/* object */.Ikc({ detail: schemas/* string */.YjP().min(1) }).safeParse(body);
    return parsed.success ? parsed.data.detail.replace(/\s+/g, ' ').slice(0, 300) : undefined;
}
function quoted(release) {
    return `"${release}"`;
}

;// CONCATENATED MODULE: ./.build/sources/metrics/registry.js










/**
 * The only place metric source kinds are listed: adding one
 * (say `cloudwatch`) is its file plus one line here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind checks its own config type
const SOURCE_KINDS = {
    [fileSource.kind]: fileSource,
    [httpJsonSource.kind]: httpJsonSource,
    [prometheusSource.kind]: prometheusSource,
    [datadogSource.kind]: datadogSource,
    [sentrySource.kind]: sentrySource,
    [postHogSource.kind]: postHogSource,
};
const METRIC_SOURCE_KINDS = Object.keys(SOURCE_KINDS);
/**
 * Builds a source from its config mapping (`{ type: file, path: … }`). A bad
 * config is a `config` fault naming the key, prefixed by `key` (the policy or
 * input key the mapping sits under).
 */
function createMetricSource(raw, context, key = 'source') {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return (0,source_fault/* fault */.D)('config', `\`${key}\` must be a mapping with a \`type\` (${METRIC_SOURCE_KINDS.join(', ')}), got ${JSON.stringify(raw)}`);
    }
    const type = raw.type;
    const definition = typeof type === 'string' ? SOURCE_KINDS[type] : undefined;
    if (!definition) {
        return (0,source_fault/* fault */.D)('config', `\`${key}.type\` must be one of ${METRIC_SOURCE_KINDS.join(', ')}, got ${JSON.stringify(type ?? null)}`);
    }
    const parsed = definition.schema.safeParse(raw, { reportInput: true });
    if (!parsed.success)
        return (0,source_fault/* fault */.D)('config', (0,zod_issue/* describeFirstIssue */.$)(parsed.error, key));
    // Whatever a source does, a read ends in samples or a fault, never an exception that skips the verdict.
    const created = definition.create(parsed.data, context);
    return created.ok ? (0,engine_result.ok)(neverThrows(created.value)) : created;
}

// EXTERNAL MODULE: ./.build/actions/gate-checks/checks/metric.js
var metric = __webpack_require__(8608);
;// CONCATENATED MODULE: ./.build/actions/gate-checks/checks/metric-measure.js











const entrySchema = schemas/* object */.Ikc({
    series: schemas/* string */.YjP().min(1).optional(),
    ratio: schemas/* strictObject */.rej({ numerator: schemas/* string */.YjP().min(1), denominator: schemas/* string */.YjP().min(1) }).optional(),
    variant: schemas/* enum */.k5n(['baseline', 'canary']).optional(),
    window: durationField,
    aggregate: schemas/* enum */.k5n(aggregate/* AGGREGATES */.dq).default('mean'),
    'min-samples': schemas/* number */.aig().int().min(1).default(1),
});
async function measureMetric(spec, environment, http) {
    const entry = parseEntry(spec);
    if (!entry.ok)
        return entry;
    const source = createMetricSource(spec.entry.source, { workspace: environment.workspace, env: environment.env, http });
    if (!source.ok)
        return (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: ${source.error.message}`);
    const read = entry.value.ratio ? await readRatio(source.value, entry.value, environment.now) : await readSeries(source.value, entry.value, environment.now);
    if (!read.ok)
        return read;
    const { value, exact, samples, noDataReason, evidence } = read.value;
    const minSamples = entry.value['min-samples'];
    const window = (0,units/* formatDuration */.a3)(entry.value.window);
    const what = `${entry.value.ratio ? `${entry.value.ratio.numerator}/${entry.value.ratio.denominator}` : entry.value.series}${entry.value.variant ? ` (${entry.value.variant})` : ''}`;
    const from = `${source.value.kind} ${source.value.where}`;
    const tooFew = samples < minSamples;
    const reason = tooFew ? `${samples} of ${minSamples} required samples of ${what} in the last ${window} from ${from}` : noDataReason;
    return (0,engine_result.ok)({
        measurements: { value: reason ? null : value },
        ...(exact && !reason ? { exact: { value: exact } } : {}),
        samples,
        evidence: {
            source: { kind: source.value.kind, where: source.value.where },
            ...evidence,
            variant: entry.value.variant ?? null,
            window,
            windowMs: entry.value.window,
            minSamples,
        },
        // A ratio reads as a percentage (0.02%, not 0.0002), under its own name.
        display: { value: { label: what, ...(entry.value.ratio ? { dimension: 'fraction' } : {}) } },
        ...(reason ? { verdict: { status: 'nodata', message: `no data: ${reason}`, value: null } } : {}),
    });
}
function parseEntry(spec) {
    const problem = (message) => (0,source_fault/* fault */.D)('config', `check \`${spec.name}\`: ${message}`);
    const own = Object.fromEntries(metric/* METRIC_KEYS */.WB.filter((key) => key !== 'source' && key in spec.entry).map((key) => [key, spec.entry[key]]));
    if (own.window === undefined)
        return problem('`window` is required, e.g. 48h or 30m');
    if ((own.series === undefined) === (own.ratio === undefined))
        return problem('give either `series` (a series name) or `ratio` ({ numerator, denominator })');
    const parsed = entrySchema.safeParse(own, { reportInput: true });
    if (!parsed.success)
        return problem((0,zod_issue/* describeFirstIssue */.$)(parsed.error));
    return (0,engine_result.ok)(parsed.data);
}
async function readSeries(source, entry, now) {
    const series = entry.series ?? '';
    const read = await source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
    if (!read.ok)
        return read;
    // A gap (NaN) is dropped; ±∞ is kept, a finding that breaches a max, and leaves the fold inexact.
    const samples = (0,aggregate/* presentSamples */.p1)(read.value.values);
    const value = (0,aggregate/* aggregate */.QD)(samples, entry.aggregate);
    const exact = samples.length === 0 || !samples.every(Number.isFinite) ? undefined : EXACT_FOLDS[entry.aggregate]?.(samples);
    return (0,engine_result.ok)({ value, exact, samples: samples.length, noDataReason: null, evidence: { series, aggregate: entry.aggregate } });
}
async function readRatio(source, entry, now) {
    const { numerator, denominator } = entry.ratio ?? { numerator: '', denominator: '' };
    const query = (series) => source.query({ series, variant: entry.variant ?? null, windowMs: entry.window, now });
    const [top, bottom] = await Promise.all([query(numerator), query(denominator)]);
    if (!top.ok)
        return top;
    if (!bottom.ok)
        return bottom;
    // As the canary judge reads counts: an empty numerator beside live requests is no errors, and each interval is checked on its own.
    const counts = fillEmptyNumerator({ numerator: top.value.values, denominator: bottom.value.values }, 'zero');
    const problem = checkRatioCounts(counts, { numerator, denominator });
    if (problem !== null)
        return (0,source_fault/* fault */.D)('malformed', `${source.kind} ${source.where}${entry.variant ? ` (${entry.variant})` : ''}: ${problem}`);
    const ratio = (0,aggregate/* ratioOfSums */.J4)(counts.numerator, counts.denominator);
    const exact = ratio.value === null ? undefined : exactRatio(counts.numerator, counts.denominator);
    const noDataReason = ratio.samples > 0 && ratio.value === null ? `\`${denominator}\` sums to 0 over the last ${(0,units/* formatDuration */.a3)(entry.window)}, so ${numerator}/${denominator} is undefined` : null;
    return (0,engine_result.ok)({
        value: ratio.value,
        exact,
        samples: ratio.samples,
        noDataReason,
        evidence: { ratio: { numerator, denominator, numeratorSum: ratio.numerator, denominatorSum: ratio.denominator }, aggregate: 'ratio of sums' },
    });
}
/** Folds that are exact on the samples as written; the others (min, max, last, percentiles) compare their double as it prints. */
const EXACT_FOLDS = { mean: exact/* meanOf */.hm, sum: exact/* sumOf */.XN };
/** sum(numerator) / sum(denominator) as `ratioOfSums` pairs them (latest samples aligned, both finite), exactly. */
function exactRatio(numerator, denominator) {
    const length = Math.min(numerator.length, denominator.length);
    const pairs = numerator.slice(numerator.length - length).map((n, i) => [n, denominator[denominator.length - length + i]]);
    const finite = pairs.filter(([n, d]) => Number.isFinite(n) && Number.isFinite(d));
    const bottom = (0,exact/* sumOf */.XN)(finite.map(([, d]) => d));
    return (0,exact/* sign */._S)(bottom) === 0 ? undefined : (0,exact/* divide */.Qr)((0,exact/* sumOf */.XN)(finite.map(([n]) => n)), bottom);
}


/***/ }),

/***/ 192:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G4: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.G4),
/* harmony export */   Vh: () => (/* binding */ readJson),
/* harmony export */   lY: () => (/* binding */ findFiles),
/* harmony export */   sT: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.sT),
/* harmony export */   yR: () => (/* reexport safe */ _confined_read_js__WEBPACK_IMPORTED_MODULE_2__.yR)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var tinyglobby__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3382);
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1232);
/* harmony import */ var _confined_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6221);
/* harmony import */ var _json_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6373);
/* harmony import */ var _source_fault_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1111);







/** Globs and JSON on top of `confined-read.ts`, whose reads stay under the read roots. */

/** Resolves a path or glob against `cwd`; a pattern matching nothing is a `missing` fault naming it; any match outside the read roots is refused. */
async function findFiles(pattern, cwd) {
    if (!(0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .isDynamicPattern */ .ey)(pattern)) {
        const inside = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveReadPath */ .sT)(pattern, cwd);
        if (!inside.ok)
            return inside;
        try {
            const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(inside.value);
            if (info.isDirectory())
                return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('config', `${pattern} is a folder; give a file or a glob such as ${pattern}/*.xml`);
            return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)([inside.value]);
        }
        catch {
            return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('missing', `file not found: ${pattern}`);
        }
    }
    const matches = await (0,tinyglobby__WEBPACK_IMPORTED_MODULE_4__/* .glob */ .TI)(pattern, { cwd, absolute: true, onlyFiles: true, dot: true });
    if (matches.length === 0)
        return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('missing', `no file matches ${pattern}`);
    for (const match of matches) {
        const inside = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .resolveReadPath */ .sT)(node_path__WEBPACK_IMPORTED_MODULE_1__.relative(cwd, match), cwd);
        if (!inside.ok)
            return (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('config', `${pattern}: ${inside.error.message}`);
    }
    return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)(matches.sort());
}
/** Reads and parses a JSON file; a parse error names the file and the line and column, never the file's content. */
async function readJson(file) {
    const text = await (0,_confined_read_js__WEBPACK_IMPORTED_MODULE_2__/* .readText */ .yR)(file);
    if (!text.ok)
        return text;
    const parsed = (0,_json_text_js__WEBPACK_IMPORTED_MODULE_3__/* .parseJsonText */ .lk)(text.value);
    return parsed.ok ? (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_6__.ok)(parsed.value) : (0,_source_fault_js__WEBPACK_IMPORTED_MODULE_5__/* .fault */ .D)('malformed', (0,_json_text_js__WEBPACK_IMPORTED_MODULE_3__/* .describeJsonError */ .M1)(file, parsed.error));
}


/***/ })

};
