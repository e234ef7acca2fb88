package awsscan

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/account"
	accounttypes "github.com/aws/aws-sdk-go-v2/service/account/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/organizations"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// LoadConfig loads the SDK's default credential chain (environment, shared
// files, SSO, container and instance roles), optionally for a named profile
// and with a default region.
func LoadConfig(ctx context.Context, profile, region string) (aws.Config, error) {
	var fns []func(*config.LoadOptions) error
	if profile != "" {
		fns = append(fns, config.WithSharedConfigProfile(profile))
	}
	if region != "" {
		fns = append(fns, config.WithRegion(region))
	}
	cfg, err := config.LoadDefaultConfig(ctx, fns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	return cfg, nil
}

// withRetryer returns cfg using the standard retryer: exponential backoff
// with jitter on throttling (TooManyRequestsException, ThrottlingException,
// HTTP 429) and on 5xx, with no client-side retry quota so a long run under
// throttling slows down instead of failing.
func withRetryer(cfg aws.Config, attempts int, backoff time.Duration) aws.Config {
	cfg = cfg.Copy()
	cfg.Retryer = func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = attempts
			o.MaxBackoff = backoff
			o.RateLimiter = ratelimit.None
		})
	}
	return cfg
}

// scope is one account and region, with clients for it.
type scope struct {
	account string // may be empty until a function ARN tells it
	region  string
	cfg     aws.Config
	lambda  *lambda.Client
	metrics MetricsSource
}

func (r *runner) newScope(cfg aws.Config, acct, region string) *scope {
	ep := r.opts.Endpoints
	lc := lambda.NewFromConfig(cfg, func(o *lambda.Options) {
		o.Region = region
		if u := ep.pick(ep.Lambda); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	})
	cwOpts := func(o *cloudwatch.Options) {
		o.Region = region
		if u := ep.pick(ep.CloudWatch); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	}
	return &scope{account: acct, region: region, cfg: cfg, lambda: lc,
		metrics: NewCloudWatchMetrics(cfg, r.opts.MetricsProtocol, cwOpts)}
}

func (r *runner) stsClient(cfg aws.Config) *sts.Client {
	return sts.NewFromConfig(cfg, func(o *sts.Options) {
		if u := r.opts.Endpoints.pick(r.opts.Endpoints.STS); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	})
}

// assume returns cfg with credentials of roleARN, refreshed as they expire.
func (r *runner) assume(cfg aws.Config, roleARN string) aws.Config {
	out := cfg.Copy()
	out.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(r.stsClient(cfg), roleARN,
		func(o *stscreds.AssumeRoleOptions) { o.RoleSessionName = "lambdascan" }))
	return out
}

// accounts lists the ACTIVE accounts of the organisation.
func (r *runner) accounts(ctx context.Context, cfg aws.Config) ([]string, error) {
	oc := organizations.NewFromConfig(cfg, func(o *organizations.Options) {
		if u := r.opts.Endpoints.pick(r.opts.Endpoints.Organizations); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	})
	var ids []string
	p := organizations.NewListAccountsPaginator(oc, &organizations.ListAccountsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list organisation accounts: %w", err)
		}
		for _, a := range page.Accounts {
			// Status is deprecated in favour of State; accept either.
			if string(a.State) == "ACTIVE" || (a.State == "" && string(a.Status) == "ACTIVE") {
				ids = append(ids, aws.ToString(a.Id))
			}
		}
	}
	return ids, nil
}

// enabledRegions lists the regions enabled for the account.
func (r *runner) enabledRegions(ctx context.Context, cfg aws.Config) ([]string, error) {
	ac := account.NewFromConfig(cfg, func(o *account.Options) {
		if u := r.opts.Endpoints.pick(r.opts.Endpoints.Account); u != "" {
			o.BaseEndpoint = aws.String(u)
		}
	})
	var out []string
	p := account.NewListRegionsPaginator(ac, &account.ListRegionsInput{
		RegionOptStatusContains: []accounttypes.RegionOptStatus{accounttypes.RegionOptStatusEnabled, accounttypes.RegionOptStatusEnabledByDefault},
	})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list enabled regions: %w", err)
		}
		for _, reg := range page.Regions {
			out = append(out, aws.ToString(reg.RegionName))
		}
	}
	return out, nil
}

func defaultHTTPClient() *http.Client { return &http.Client{Timeout: 5 * time.Minute} }
