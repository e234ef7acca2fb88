package awsscan

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch/schemas"
	cwtypes "github.com/aws/aws-sdk-go-v2/service/cloudwatch/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsquery"
)

// MetricsSource tells when functions were last invoked.
type MetricsSource interface {
	// LastInvocations returns, for each function name that was invoked
	// between start and end, the start of the last day with invocations.
	// Names never invoked in the window are absent.
	LastInvocations(ctx context.Context, names []string, start, end time.Time) (map[string]time.Time, error)
}

// maxQueriesPerCall is GetMetricData's limit on MetricDataQueries.
const maxQueriesPerCall = 500

// CloudWatchMetrics reads the AWS/Lambda Invocations metric with
// GetMetricData, up to 500 functions per call, one-day periods.
//
// New CloudWatch clients speak Smithy RPC v2 CBOR; older endpoints and
// emulators (moto) only speak awsquery. The SDK client takes its wire
// protocol as an option (Options.Protocol), and smithy-go ships an awsquery
// implementation, so the same typed client serves both: in "auto" mode the
// first call goes out as CBOR and, if the answer is not a CBOR response (a
// deserialization error or an unknown-operation error), it is sent again as
// awsquery and awsquery is kept for the rest of the run.
type CloudWatchMetrics struct {
	cbor, query *cloudwatch.Client
	mode        string

	mu       sync.Mutex
	useQuery bool
}

// NewCloudWatchMetrics builds the metrics source for cfg; protocol is
// "auto", "cbor" or "query".
func NewCloudWatchMetrics(cfg aws.Config, protocol string, optFns ...func(*cloudwatch.Options)) *CloudWatchMetrics {
	m := &CloudWatchMetrics{mode: protocol}
	if m.mode == "" {
		m.mode = "auto"
	}
	m.cbor = cloudwatch.NewFromConfig(cfg, optFns...)
	m.query = cloudwatch.NewFromConfig(cfg, append(optFns, func(o *cloudwatch.Options) {
		o.Protocol = awsquery.New(schemas.GraniteServiceVersion20100801)
	})...)
	m.useQuery = m.mode == "query"
	return m
}

// Protocol reports the protocol in use: "cbor" or "query".
func (m *CloudWatchMetrics) Protocol() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.useQuery {
		return "query"
	}
	return "cbor"
}

// LastInvocations implements MetricsSource.
func (m *CloudWatchMetrics) LastInvocations(ctx context.Context, names []string, start, end time.Time) (map[string]time.Time, error) {
	out := map[string]time.Time{}
	for lo := 0; lo < len(names); lo += maxQueriesPerCall {
		batch := names[lo:min(lo+maxQueriesPerCall, len(names))]
		if err := m.batch(ctx, batch, start, end, out); err != nil {
			return out, err
		}
	}
	return out, nil
}

func (m *CloudWatchMetrics) batch(ctx context.Context, names []string, start, end time.Time, out map[string]time.Time) error {
	in := &cloudwatch.GetMetricDataInput{
		StartTime: aws.Time(start),
		EndTime:   aws.Time(end),
		ScanBy:    cwtypes.ScanByTimestampDescending,
	}
	for i, name := range names {
		in.MetricDataQueries = append(in.MetricDataQueries, cwtypes.MetricDataQuery{
			Id: aws.String("m" + strconv.Itoa(i)),
			MetricStat: &cwtypes.MetricStat{
				Metric: &cwtypes.Metric{
					Namespace:  aws.String("AWS/Lambda"),
					MetricName: aws.String("Invocations"),
					Dimensions: []cwtypes.Dimension{{Name: aws.String("FunctionName"), Value: aws.String(name)}},
				},
				Period: aws.Int32(86400),
				Stat:   aws.String("Sum"),
			},
			ReturnData: aws.Bool(true),
		})
	}
	m.mu.Lock()
	useQuery := m.useQuery
	m.mu.Unlock()
	client := m.cbor
	if useQuery {
		client = m.query
	}
	err := m.collect(ctx, client, in, names, out)
	if err != nil && !useQuery && m.mode == "auto" && protocolMismatch(err) {
		if qerr := m.collect(ctx, m.query, in, names, out); qerr != nil {
			return fmt.Errorf("get metric data (CBOR: %v; awsquery): %w", err, qerr)
		}
		m.mu.Lock()
		m.useQuery = true
		m.mu.Unlock()
		return nil
	}
	return err
}

func (m *CloudWatchMetrics) collect(ctx context.Context, client *cloudwatch.Client, in *cloudwatch.GetMetricDataInput, names []string, out map[string]time.Time) error {
	p := cloudwatch.NewGetMetricDataPaginator(client, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("get metric data: %w", err)
		}
		for _, r := range page.MetricDataResults {
			id := aws.ToString(r.Id)
			i, err := strconv.Atoi(id[min(1, len(id)):])
			if err != nil || i < 0 || i >= len(names) {
				continue
			}
			for k, ts := range r.Timestamps {
				if k < len(r.Values) && r.Values[k] > 0 && ts.After(out[names[i]]) {
					out[names[i]] = ts
				}
			}
		}
	}
	return nil
}

// protocolMismatch reports whether err looks like an endpoint that does not
// speak the protocol the request used, rather than a real API error.
func protocolMismatch(err error) bool {
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return true
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "InvalidAction", "UnknownOperationException", "UnknownOperation", "NotFound",
			"InvalidQueryParameter", "MissingAction", "UnsupportedProtocol", "SerializationException":
			return true
		}
		return false
	}
	return false
}
