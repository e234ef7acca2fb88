package awsscan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/schollz/progressbar/v3"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// DefaultStaleDays is Inspector's eligibility window.
const DefaultStaleDays = 90

// runner holds the state of one Run.
type runner struct {
	opts  Options
	now   time.Time
	fetch *fetcher

	layerMu sync.Mutex
	layers  map[string]*layerJob

	mu     sync.Mutex
	report *finding.Report
	rules  map[string]*finding.Rule
	sum    Summary
}

// layerJob is a layer version fetched and scanned once, whatever the number
// of functions that use it.
type layerJob struct {
	once   sync.Once
	report *finding.Report
	err    error
}

// Run enumerates, fetches, scans and reports the functions the options
// select. A failure of one function (or one account or region) is reported
// in coverage and notifications and the run goes on; Run returns an error
// only for bad options or when nothing could be enumerated at all.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Scanner == nil && !opts.ListOnly {
		return nil, errors.New("awsscan: no Scanner given (set Options.Scanner or Options.ListOnly)")
	}
	if err := ValidateFilters(opts.Functions); err != nil {
		return nil, err
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.MaxDownload <= 0 {
		opts.MaxDownload = DefaultMaxDownload
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 8
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 20 * time.Second
	}
	if opts.StaleDays == 0 {
		opts.StaleDays = DefaultStaleDays
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = defaultHTTPClient()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.CacheDir == "" && !opts.ListOnly {
		// Without a cache directory, still never download one zip twice
		// in a run: use a private one for the run.
		dir, err := os.MkdirTemp("", "lambdascan-aws-")
		if err != nil {
			return nil, fmt.Errorf("create download directory: %w", err)
		}
		defer os.RemoveAll(dir)
		opts.CacheDir = dir
	}
	r := &runner{
		opts:   opts,
		now:    opts.Now().UTC(),
		fetch:  &fetcher{client: opts.HTTPClient, cacheDir: opts.CacheDir, max: opts.MaxDownload},
		layers: map[string]*layerJob{},
		rules:  map[string]*finding.Rule{},
		report: &finding.Report{ToolName: "lambdascan", StartedAt: opts.Now().UTC()},
	}
	for _, rule := range ConfigRules() {
		r.rules[rule.ID] = rule
	}

	scopes, err := r.scopes(ctx)
	if err != nil {
		return nil, err
	}
	var targets []*FunctionTarget
	listed := 0
	for _, sc := range scopes {
		ts, err := r.listTargets(ctx, sc)
		targets = append(targets, ts...)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			r.notify("error", "aws-list-functions", fmt.Sprintf("account %s region %s: %v", cmp.Or(sc.account, "(default)"), sc.region, err), "")
			continue
		}
		listed++
	}
	if listed == 0 && len(scopes) > 0 {
		return nil, fmt.Errorf("could not list functions in any region: %s", r.lastNotification())
	}
	qualify := len(scopes) > 1
	for _, t := range targets {
		t.Input = t.Name
		if t.Qualifier != "" {
			t.Input += ":" + t.Qualifier
		}
		if qualify {
			t.Input = t.Account + "/" + t.Region + "/" + t.Input
		}
	}
	lastInvoked := r.invocations(ctx, targets)

	var bar *progressbar.ProgressBar
	if opts.Progress != nil && len(targets) > 0 {
		bar = progressbar.NewOptions(len(targets), progressbar.OptionSetWriter(opts.Progress),
			progressbar.OptionSetDescription("scanning functions"), progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish())
	}
	jobs := make(chan *FunctionTarget)
	var wg sync.WaitGroup
	for range min(opts.Workers, max(len(targets), 1)) {
		wg.Go(func() {
			for t := range jobs {
				r.process(ctx, t, lastInvoked)
				if bar != nil {
					_ = bar.Add(1)
				}
			}
		})
	}
feed:
	for _, t := range targets {
		select {
		case jobs <- t:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if bar != nil {
		_ = bar.Finish()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	rep := r.report
	for _, rule := range r.rules {
		rep.Rules = append(rep.Rules, rule)
	}
	rep.Stats.DurationMsec = time.Since(rep.StartedAt).Milliseconds()
	if opts.Now().UTC().Before(rep.StartedAt) {
		rep.Stats.DurationMsec = 0
	}
	rep.Normalize()
	r.sum.Functions = len(targets)
	r.sum.Layers = len(r.layers)
	r.sum.Downloads = int(r.fetch.downloads.Load())
	r.sum.CacheHits = int(r.fetch.cacheHits.Load())
	r.sum.Bytes = r.fetch.bytes.Load()
	return &Result{Report: rep, Summary: r.sum}, nil
}

// scopes resolves accounts and regions into clients.
func (r *runner) scopes(ctx context.Context) ([]*scope, error) {
	base := withRetryer(r.opts.Config, r.opts.MaxAttempts, r.opts.MaxBackoff)
	if r.opts.RoleARN != "" {
		base = r.assume(base, r.opts.RoleARN)
	}
	type acct struct {
		id  string
		cfg aws.Config
	}
	accounts := []acct{{cfg: base}}
	if r.opts.OrgRoleName != "" {
		ids, err := r.accounts(ctx, base)
		if err != nil {
			return nil, err
		}
		accounts = accounts[:0]
		part := partition(r.opts.RoleARN, base.Region)
		// The account the credentials already belong to (usually the
		// management account, where the member-account role does not
		// exist) is scanned with them directly.
		self := ""
		if who, err := r.stsClient(base).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); err == nil {
			self = aws.ToString(who.Account)
		}
		for _, id := range ids {
			if id == self {
				accounts = append(accounts, acct{id: id, cfg: base})
				continue
			}
			role := fmt.Sprintf("arn:%s:iam::%s:role/%s", part, id, r.opts.OrgRoleName)
			accounts = append(accounts, acct{id: id, cfg: r.assume(base, role)})
		}
	}
	var out []*scope
	for _, a := range accounts {
		regions := r.opts.Regions
		if r.opts.AllRegions {
			var err error
			regions, err = r.enabledRegions(ctx, a.cfg)
			if err != nil {
				r.notify("error", "aws-list-regions", fmt.Sprintf("account %s: %v", cmp.Or(a.id, "(default)"), err), "")
				continue
			}
		}
		if len(regions) == 0 && a.cfg.Region != "" {
			regions = []string{a.cfg.Region}
		}
		if len(regions) == 0 {
			return nil, errors.New("no region: give --region, --all-regions, or set AWS_REGION")
		}
		for _, reg := range slices.Compact(slices.Sorted(slices.Values(regions))) {
			out = append(out, r.newScope(a.cfg, a.id, reg))
		}
	}
	return out, nil
}

// partition picks the ARN partition from a role ARN or region.
func partition(roleARN, region string) string {
	if p := strings.SplitN(roleARN, ":", 3); len(p) == 3 && p[0] == "arn" && p[1] != "" {
		return p[1]
	}
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// invocations reads the last invocation of every function not updated
// within the window, one batched GetMetricData series per scope.
func (r *runner) invocations(ctx context.Context, targets []*FunctionTarget) map[*scope]map[string]time.Time {
	out := map[*scope]map[string]time.Time{}
	if r.opts.StaleDays < 0 {
		return out
	}
	window := r.window()
	names := map[*scope][]string{}
	for _, t := range targets {
		if t.PackageType == "Image" || t.LastModified.IsZero() || !t.LastModified.Before(window) {
			continue
		}
		if !slices.Contains(names[t.scope], t.Name) {
			names[t.scope] = append(names[t.scope], t.Name)
		}
	}
	for sc, ns := range names {
		last, err := sc.metrics.LastInvocations(ctx, ns, window, r.now)
		if err != nil {
			r.notify("warning", "aws-metrics", fmt.Sprintf("region %s: cannot read invocation metrics, so functions not updated in %d days are scanned anyway: %v",
				sc.region, r.opts.StaleDays, err), "")
			continue
		}
		out[sc] = last
	}
	return out
}

func (r *runner) window() time.Time {
	return r.now.Add(-time.Duration(r.opts.StaleDays) * 24 * time.Hour)
}

// supportedRuntime reports whether the code passes handle the runtime's
// language, as Inspector: Python, Node.js and Java.
func supportedRuntime(rt string) bool {
	return strings.HasPrefix(rt, "python") || strings.HasPrefix(rt, "nodejs") || strings.HasPrefix(rt, "java")
}

// process covers one function version.
func (r *runner) process(ctx context.Context, t *FunctionTarget, lastInvoked map[*scope]map[string]time.Time) {
	cov := finding.Coverage{Function: t.Input, ARN: t.ARN, Region: t.Region, Account: t.Account,
		Runtime: t.Runtime, Status: StatusInactive}
	if t.PackageType == "Image" {
		cov.Runtime = "image"
	}
	var details []string
	if len(t.Aliases) > 0 {
		details = append(details, "aliases: "+strings.Join(t.Aliases, ", "))
	}
	finish := func(reason string, counter *int) {
		cov.Reason = reason
		cov.Detail = strings.Join(details, "; ")
		r.mu.Lock()
		r.report.Coverage = append(r.report.Coverage, cov)
		if counter != nil {
			*counter++
		}
		r.mu.Unlock()
	}

	passes := r.opts.Passes
	tags, err := r.tags(ctx, t)
	if err != nil {
		details = append(details, "tags not readable, exclusion tags not applied")
		r.notify("warning", "aws-tags", fmt.Sprintf("cannot read tags: %v", err), t.Input)
	}
	var excludedBy []string
	if tags[TagStandardExclusion] == "LambdaStandardScanning" {
		passes.Deps = false
		excludedBy = append(excludedBy, TagStandardExclusion+"=LambdaStandardScanning")
	}
	if tags[TagCodeExclusion] == "LambdaCodeScanning" {
		passes.Code, passes.Secrets = false, false
		excludedBy = append(excludedBy, TagCodeExclusion+"=LambdaCodeScanning")
	}

	reach, urlNone := r.reachability(ctx, t)
	r.addFindings(configFindings(t, urlNone, r.now))

	switch {
	case t.PackageType == "Image":
		details = append(details, "container-image function: scan its image in ECR instead")
		finish(ReasonUnsupportedMediaType, &r.sum.Unsupported)
		return
	case !supportedRuntime(t.Runtime):
		details = append(details, fmt.Sprintf("runtime %q is not scanned (Python, Node.js and Java only)", t.Runtime))
		finish(ReasonUnsupportedRuntime, &r.sum.Unsupported)
		return
	case len(excludedBy) > 0 && !passes.Any():
		details = append(details, "excluded by "+strings.Join(excludedBy, ", "))
		finish(ReasonExcludedByTag, &r.sum.Excluded)
		return
	case r.stale(t, lastInvoked):
		details = append(details, fmt.Sprintf("not invoked or updated in the last %d days (last modified %s)",
			r.opts.StaleDays, t.LastModified.Format(time.DateOnly)))
		finish(ReasonScanEligibilityExpired, &r.sum.Stale)
		return
	}
	if len(excludedBy) > 0 {
		details = append(details, "partly excluded by "+strings.Join(excludedBy, ", "))
	}
	if r.opts.ListOnly {
		cov.Status = StatusActive
		details = append(details, "listed only (--list): not downloaded")
		finish("PENDING_INITIAL_SCAN", nil)
		return
	}

	res, err := r.scanFunction(ctx, t, passes, reach)
	if err != nil {
		details = append(details, err.Error())
		reason := ReasonInternalError
		if isAccessDenied(err) {
			reason = ReasonAccessDenied
		}
		r.notify("error", "aws-function-failed", err.Error(), t.Input)
		finish(reason, &r.sum.Failed)
		return
	}
	details = append(details, res...)
	cov.Status = StatusActive
	cov.CodeScanned = passes.Code || passes.Secrets
	cov.DepsScanned = passes.Deps
	cov.LastScannedAt = r.now
	finish(ReasonSuccessful, &r.sum.Scanned)
}

func (r *runner) stale(t *FunctionTarget, lastInvoked map[*scope]map[string]time.Time) bool {
	if r.opts.StaleDays < 0 || t.LastModified.IsZero() || !t.LastModified.Before(r.window()) {
		return false // unknown LastModified: scan rather than skip
	}
	m, ok := lastInvoked[t.scope]
	if !ok {
		return false // metrics unreadable: scan rather than skip
	}
	_, invoked := m[t.Name]
	return !invoked
}

// tags reads the function's tags (tags belong to the function, not to a
// version).
func (r *runner) tags(ctx context.Context, t *FunctionTarget) (map[string]string, error) {
	arn := t.ARN
	if t.Qualifier != "" {
		arn = strings.TrimSuffix(arn, ":"+t.Qualifier)
	}
	out, err := t.scope.lambda.ListTags(ctx, &lambda.ListTagsInput{Resource: aws.String(arn)})
	if err != nil {
		return nil, err
	}
	return out.Tags, nil
}

// reachability reads the function URL, resource policy and event source
// mappings. urlNone is true for a function URL with AuthType NONE.
func (r *runner) reachability(ctx context.Context, t *FunctionTarget) (Reachability, bool) {
	reach := Reachability{Known: true}
	var qual *string
	if t.Qualifier != "" {
		qual = aws.String(t.Qualifier)
	}
	urlNone := false
	u, err := t.scope.lambda.GetFunctionUrlConfig(ctx, &lambda.GetFunctionUrlConfigInput{FunctionName: aws.String(t.Name), Qualifier: qual})
	switch {
	case err == nil && string(u.AuthType) == "NONE":
		urlNone = true
		reach.add(true, "function URL with AuthType NONE")
	case err == nil:
		reach.add(false, "function URL with AuthType "+string(u.AuthType))
	case isNotFound(err):
	default:
		reach.Known = false
		r.notify("warning", "aws-context", fmt.Sprintf("cannot read function URL config: %v", err), t.Input)
	}
	pol, err := t.scope.lambda.GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: aws.String(t.Name), Qualifier: qual})
	switch {
	case err == nil:
		if perr := analysePolicy(aws.ToString(pol.Policy), &reach); perr != nil {
			r.notify("warning", "aws-context", perr.Error(), t.Input)
		}
	case isNotFound(err):
	default:
		reach.Known = false
		r.notify("warning", "aws-context", fmt.Sprintf("cannot read resource policy: %v", err), t.Input)
	}
	fn := t.Name
	if t.Qualifier != "" {
		fn = t.ARN
	}
	p := lambda.NewListEventSourceMappingsPaginator(t.scope.lambda, &lambda.ListEventSourceMappingsInput{FunctionName: aws.String(fn)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			reach.Known = false
			r.notify("warning", "aws-context", fmt.Sprintf("cannot list event source mappings: %v", err), t.Input)
			break
		}
		for _, m := range page.EventSourceMappings {
			src := cmp.Or(aws.ToString(m.EventSourceArn), "a self-managed event source")
			reach.add(false, "event source mapping from "+src)
		}
	}
	slices.Sort(reach.Reasons)
	reach.Reasons = slices.Compact(reach.Reasons)
	return reach, urlNone
}

// scanFunction fetches and scans the function's code and layers and adds
// the findings. It returns notes for the coverage detail.
func (r *runner) scanFunction(ctx context.Context, t *FunctionTarget, passes PassSelection, reach Reachability) ([]string, error) {
	var qual *string
	if t.Qualifier != "" {
		qual = aws.String(t.Qualifier)
	}
	gf, err := t.scope.lambda.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(t.Name), Qualifier: qual})
	if err != nil {
		return nil, fmt.Errorf("get function: %w", err)
	}
	if gf.Code == nil || aws.ToString(gf.Code.Location) == "" {
		return nil, errors.New("get function: no code location returned")
	}
	sha := t.CodeSha256
	if gf.Configuration != nil && aws.ToString(gf.Configuration.CodeSha256) != "" {
		sha = aws.ToString(gf.Configuration.CodeSha256)
	}
	data, _, err := r.fetch.get(ctx, aws.ToString(gf.Code.Location), cacheKey("code", "", sha), sha)
	if err != nil {
		return nil, err
	}
	rep, err := r.opts.Scanner(ctx, Blob{Name: t.Input, Data: data, Function: t.ARN, CodeSha256: sha}, passes)
	if err != nil {
		return nil, fmt.Errorf("scan code: %w", err)
	}
	var notes []string
	fs := make([]finding.Finding, 0, len(rep.Findings))
	for _, f := range rep.Findings {
		if !passes.keeps(f.Kind) {
			continue
		}
		f.Location.Input = t.Input
		r.mark(&f, t, "", reach)
		fs = append(fs, f)
	}
	r.merge(rep, fs, rep.Packages, true)

	for _, arn := range t.Layers {
		lr, err := r.layer(ctx, t.scope, arn, passes)
		if err != nil {
			notes = append(notes, fmt.Sprintf("layer %s not scanned: %v", arn, err))
			r.notify("warning", "aws-layer-failed", fmt.Sprintf("layer %s: %v", arn, err), t.Input)
			continue
		}
		var lfs []finding.Finding
		for _, f := range lr.Findings {
			if !passes.keeps(f.Kind) {
				continue
			}
			f = relocate(f, t.Input)
			r.mark(&f, t, arn, reach)
			lfs = append(lfs, f)
		}
		pkgs := make([]finding.Package, 0, len(lr.Packages))
		for _, p := range lr.Packages {
			p.Location.Input, p.Location.Path = t.Input, layerPath(p.Location.Path)
			p.Layer = arn
			pkgs = append(pkgs, p)
		}
		r.merge(nil, lfs, pkgs, false)
	}
	return notes, nil
}

// layer fetches and scans a layer version once for the whole run, with all
// the passes the user selected; each function keeps what its own exclusion
// tags allow.
func (r *runner) layer(ctx context.Context, sc *scope, arn string, _ PassSelection) (*finding.Report, error) {
	r.layerMu.Lock()
	job, ok := r.layers[arn]
	if !ok {
		job = &layerJob{}
		r.layers[arn] = job
	}
	r.layerMu.Unlock()
	job.once.Do(func() {
		out, err := sc.lambda.GetLayerVersionByArn(ctx, &lambda.GetLayerVersionByArnInput{Arn: aws.String(arn)})
		if err != nil {
			job.err = fmt.Errorf("get layer version: %w", err)
			return
		}
		if out.Content == nil || aws.ToString(out.Content.Location) == "" {
			job.err = errors.New("get layer version: no content location returned")
			return
		}
		sha := aws.ToString(out.Content.CodeSha256)
		data, _, err := r.fetch.get(ctx, aws.ToString(out.Content.Location), cacheKey("layer", arn, sha), sha)
		if err != nil {
			job.err = err
			return
		}
		rep, err := r.opts.Scanner(ctx, Blob{Name: arn, Data: data, LayerARN: arn, CodeSha256: sha}, r.opts.Passes)
		if err != nil {
			job.err = fmt.Errorf("scan layer: %w", err)
			return
		}
		job.report = rep
		// The layer's own inputs, notifications and rules go in the report
		// once; its findings go on each function.
		r.merge(rep, nil, nil, true)
	})
	return job.report, job.err
}

// layerPath is where a layer's file sits in the function's file system:
// Lambda extracts layers into /opt.
func layerPath(p string) string { return "opt/" + strings.TrimPrefix(p, "/") }

// relocate moves a layer finding into the function's input: same files,
// seen from the function, under opt/.
func relocate(f finding.Finding, input string) finding.Finding {
	old := f.Location.Input
	f.Location.Input, f.Location.Path = input, layerPath(f.Location.Path)
	if len(f.Flow) > 0 {
		flow := slices.Clone(f.Flow)
		for i := range flow {
			if flow[i].Location.Input == old || flow[i].Location.Input == "" {
				flow[i].Location.Input, flow[i].Location.Path = input, layerPath(flow[i].Location.Path)
			}
		}
		f.Flow = flow
	}
	if len(f.Fixes) > 0 {
		fixes := slices.Clone(f.Fixes)
		for i := range fixes {
			edits := slices.Clone(fixes[i].Edits)
			for j := range edits {
				edits[j].Path = layerPath(edits[j].Path)
			}
			fixes[i].Edits = edits
		}
		f.Fixes = fixes
	}
	if f.Package != nil {
		p := *f.Package
		p.Location.Input, p.Location.Path = input, layerPath(p.Location.Path)
		f.Package = &p
	}
	// The same layer finding on two functions is two findings: give each
	// its own fingerprint, stable across runs.
	hexPart, occ, _ := strings.Cut(f.Fingerprint, ":")
	n := 1
	fmt.Sscanf(occ, "%d", &n)
	f.Fingerprint = finding.Fingerprint(f.RuleID, input, f.Location.Path, hexPart, n)
	return f
}

// mark sets the function and layer facts on a finding and scores package
// findings for the function's context.
func (r *runner) mark(f *finding.Finding, t *FunctionTarget, layerARN string, reach Reachability) {
	props := make(map[string]string, len(f.Properties)+2)
	for k, v := range f.Properties {
		props[k] = v
	}
	props["functionArn"] = t.ARN
	f.Function = t.ARN
	if layerARN != "" {
		props["layerArn"] = layerARN
		f.Layer = layerARN
	}
	f.Properties = props
	if f.Kind == finding.KindPackage {
		contextualScore(f, reach)
	}
}

// merge adds a scan's results to the report. withMeta adds its inputs,
// notifications, rules and stats (once per zip).
func (r *runner) merge(rep *finding.Report, fs []finding.Finding, pkgs []finding.Package, withMeta bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.report.Findings = append(r.report.Findings, fs...)
	r.report.Packages = append(r.report.Packages, pkgs...)
	if rep == nil || !withMeta {
		return
	}
	r.report.Inputs = append(r.report.Inputs, rep.Inputs...)
	r.report.Notifications = append(r.report.Notifications, rep.Notifications...)
	r.report.Files = append(r.report.Files, rep.Files...)
	if r.report.ToolVersion == "" {
		r.report.ToolVersion = rep.ToolVersion
	}
	for _, rule := range rep.Rules {
		if rule != nil {
			r.rules[rule.ID] = rule
		}
	}
	s := &r.report.Stats
	s.FilesSeen += rep.Stats.FilesSeen
	s.FilesParsed += rep.Stats.FilesParsed
	s.BytesParsed += rep.Stats.BytesParsed
	s.Packages += rep.Stats.Packages
	s.RulesLoaded = max(s.RulesLoaded, rep.Stats.RulesLoaded)
}

func (r *runner) addFindings(fs []finding.Finding) {
	if len(fs) == 0 {
		return
	}
	r.mu.Lock()
	r.report.Findings = append(r.report.Findings, fs...)
	r.mu.Unlock()
}

func (r *runner) notify(level, code, msg, input string) {
	r.mu.Lock()
	r.report.Notifications = append(r.report.Notifications, finding.Notification{
		Level: finding.Level(level), Code: code, Message: msg, Input: input})
	r.mu.Unlock()
}

func (r *runner) lastNotification() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if n := len(r.report.Notifications); n > 0 {
		return r.report.Notifications[n-1].Message
	}
	return "no detail"
}
