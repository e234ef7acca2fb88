package awsscan

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// FunctionTarget is one function version to cover.
type FunctionTarget struct {
	Account string
	Region  string
	Name    string
	// ARN is the function ARN, qualified for published versions.
	ARN string
	// Qualifier is the published version, empty for $LATEST.
	Qualifier    string
	Runtime      string
	PackageType  string
	LastModified time.Time
	CodeSha256   string
	CodeSize     int64
	Layers       []string
	Env          map[string]string
	// Aliases pointing at this version (with --all-versions).
	Aliases []string
	// Input is the name of the function's code input in the report, and
	// the prefix of its file URIs: the function name (":version" for
	// published versions), prefixed by "account/region/" when a run covers
	// several accounts or regions.
	Input string

	scope *scope
}

// lambdaTimeLayout is the format of FunctionConfiguration.LastModified.
const lambdaTimeLayout = "2006-01-02T15:04:05.000-0700"

func parseLambdaTime(s string) time.Time {
	for _, layout := range []string{lambdaTimeLayout, time.RFC3339Nano, "2006-01-02T15:04:05-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// accountOf reads the account id from an ARN.
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// matchFunction reports whether name/arn pass the --function filters.
func matchFunction(filters []string, name, arn string) bool {
	if len(filters) == 0 {
		return true
	}
	unqualified := arn
	if parts := strings.Split(arn, ":"); len(parts) == 8 {
		unqualified = strings.Join(parts[:7], ":")
	}
	for _, f := range filters {
		if f == name || f == arn || f == unqualified {
			return true
		}
		for _, s := range []string{name, arn, unqualified} {
			if ok, err := path.Match(f, s); err == nil && ok {
				return true
			}
		}
	}
	return false
}

// ValidateFilters checks --function globs for syntax errors.
func ValidateFilters(filters []string) error {
	for _, f := range filters {
		if _, err := path.Match(f, ""); err != nil {
			return fmt.Errorf("bad --function pattern %q: %w", f, err)
		}
	}
	return nil
}

// listTargets enumerates the function versions of one scope.
func (r *runner) listTargets(ctx context.Context, sc *scope) ([]*FunctionTarget, error) {
	in := &lambda.ListFunctionsInput{}
	if r.opts.AllVersions {
		in.FunctionVersion = lambdatypes.FunctionVersionAll
	}
	var out []*FunctionTarget
	p := lambda.NewListFunctionsPaginator(sc.lambda, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, fmt.Errorf("list functions in %s: %w", sc.region, err)
		}
		for i := range page.Functions {
			fc := &page.Functions[i]
			t := targetFrom(fc, sc)
			if !r.opts.AllVersions && t.Qualifier != "" {
				continue
			}
			if !matchFunction(r.opts.Functions, t.Name, t.ARN) {
				continue
			}
			out = append(out, t)
		}
	}
	if r.opts.AllVersions {
		if err := r.addAliases(ctx, sc, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

func targetFrom(fc *lambdatypes.FunctionConfiguration, sc *scope) *FunctionTarget {
	t := &FunctionTarget{
		Region: sc.region, Name: aws.ToString(fc.FunctionName), ARN: aws.ToString(fc.FunctionArn),
		Runtime: string(fc.Runtime), PackageType: string(fc.PackageType),
		LastModified: parseLambdaTime(aws.ToString(fc.LastModified)),
		CodeSha256:   aws.ToString(fc.CodeSha256), CodeSize: fc.CodeSize, scope: sc,
	}
	if v := aws.ToString(fc.Version); v != "" && v != "$LATEST" {
		t.Qualifier = v
	}
	t.Account = cmp.Or(sc.account, accountOf(t.ARN))
	for _, l := range fc.Layers {
		t.Layers = append(t.Layers, aws.ToString(l.Arn))
	}
	if fc.Environment != nil && len(fc.Environment.Variables) > 0 {
		t.Env = fc.Environment.Variables
	}
	return t
}

// addAliases records on each version the aliases that point at it.
func (r *runner) addAliases(ctx context.Context, sc *scope, ts []*FunctionTarget) error {
	byName := map[string][]*FunctionTarget{}
	for _, t := range ts {
		byName[t.Name] = append(byName[t.Name], t)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		p := lambda.NewListAliasesPaginator(sc.lambda, &lambda.ListAliasesInput{FunctionName: aws.String(name)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				r.notify("warning", "aws-list-aliases", fmt.Sprintf("cannot list aliases of %s: %v", name, err), name)
				break
			}
			for _, a := range page.Aliases {
				for _, t := range byName[name] {
					if t.Qualifier != "" && t.Qualifier == aws.ToString(a.FunctionVersion) {
						t.Aliases = append(t.Aliases, aws.ToString(a.Name))
					}
				}
			}
		}
	}
	return nil
}

// isAccessDenied reports whether err is an authorisation failure.
func isAccessDenied(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnrecognizedClientException",
			"KMSAccessDeniedException", "InvalidClientTokenId", "ExpiredTokenException":
			return true
		}
	}
	return httpStatus(err) == http.StatusForbidden
}

// isNotFound reports whether err is a 404 ResourceNotFoundException.
func isNotFound(err error) bool {
	var ae smithy.APIError
	if errors.As(err, &ae) && ae.ErrorCode() == "ResourceNotFoundException" {
		return true
	}
	return httpStatus(err) == http.StatusNotFound
}

func httpStatus(err error) int {
	var re *smithyhttp.ResponseError
	if errors.As(err, &re) {
		return re.HTTPStatusCode()
	}
	return 0
}
