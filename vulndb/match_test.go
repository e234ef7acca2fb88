package vulndb

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/lambdascan/lambdascan/engine/finding"
)

// openTestDB imports the loose test records (GHSA, pypa, synthetic) into a
// fresh store and opens it.
func openTestDB(t testing.TB) *DB {
	t.Helper()
	dir := t.TempDir()
	err := Import(context.Background(), dir,
		filepath.Join("testdata", "osv", "ghsa"),
		filepath.Join("testdata", "osv", "pypa"),
		filepath.Join("testdata", "osv", "synthetic"))
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// got is the part of a finding the table checks.
type got struct {
	ID      string
	Aliases []string
	Fix     string // "" when no fix is published
}

func summarize(fs []finding.Finding) []got {
	out := []got{}
	for _, f := range fs {
		g := got{ID: f.Vulnerability.ID, Aliases: f.Vulnerability.Aliases}
		if f.Vulnerability.FixAvailable {
			g.Fix = f.Vulnerability.FixedVersion
		}
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b got) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// TestMatchTable checks package versions against advisories worked out by
// hand from the records in testdata/osv: every GHSA record of the shared
// data pack's table appears at least once, plus PYSEC records (aliases
// merged with GHSA, withdrawn, last_affected, out-of-order events) and
// synthetic ones (limit, versions lists, shared CVEs).
func TestMatchTable(t *testing.T) {
	db := openTestDB(t)
	tests := []struct {
		name              string
		eco, pkg, version string
		want              []got
	}{
		{"jackson 2.9.10: seven advisories, nearest fix per advisory", "Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.10", []got{
			{"CVE-2019-17531", []string{"GHSA-gjmw-vf9h-g25v"}, "2.9.10.1"},
			{"CVE-2019-20330", []string{"GHSA-gww7-p5w4-wrfv"}, "2.9.10.2"},
			{"CVE-2020-25649", []string{"GHSA-288c-cq4h-88gq"}, "2.9.10.7"},
			{"CVE-2020-36518", []string{"GHSA-57j2-w4cx-62h2"}, "2.12.6.1"},
			{"CVE-2020-8840", []string{"GHSA-4w82-r329-3q67"}, "2.9.10.3"},
			{"CVE-2022-42003", []string{"GHSA-jjjh-jjxp-wpff"}, "2.12.7.1"},
			{"CVE-2022-42004", []string{"GHSA-rgv9-q543-rqg4"}, "2.13.4"},
		}},
		{"jackson 2.13.1", "Maven", "com.fasterxml.jackson.core:jackson-databind", "2.13.1", []got{
			{"CVE-2020-36518", []string{"GHSA-57j2-w4cx-62h2"}, "2.13.2.1"},
			{"CVE-2022-42003", []string{"GHSA-jjjh-jjxp-wpff"}, "2.13.4.1"},
			{"CVE-2022-42004", []string{"GHSA-rgv9-q543-rqg4"}, "2.13.4"},
		}},
		{"jackson 2.14.0 is clean", "Maven", "com.fasterxml.jackson.core:jackson-databind", "2.14.0", []got{}},
		{"guava 29.0: last_affected includes 29.0, no fix", "Maven", "com.google.guava:guava", "29.0", []got{
			{"CVE-2020-8908", []string{"GHSA-5mg8-w23w-74h3"}, ""},
			{"CVE-2023-2976", []string{"GHSA-7g45-4rm6-3mm3"}, "32.0.0"},
		}},
		{"guava 30.1-jre: above last_affected", "Maven", "com.google.guava:guava", "30.1-jre", []got{
			{"CVE-2023-2976", []string{"GHSA-7g45-4rm6-3mm3"}, "32.0.0"},
		}},
		{"guava 32.1.2-jre is clean", "Maven", "com.google.guava:guava", "32.1.2-jre", []got{}},
		{"log4j-core 2.14.1", "Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", []got{
			{"CVE-2021-44228", []string{"GHSA-jfh8-c2jp-5v3q"}, "2.15.0"},
			{"CVE-2021-44832", []string{"GHSA-8489-44mv-ggj8"}, "2.17.1"},
			{"CVE-2021-45046", []string{"GHSA-7rjr-3q55-vv33"}, "2.16.0"},
			{"CVE-2021-45105", []string{"GHSA-p6xc-xr62-6r2g"}, "2.17.0"},
		}},
		{"log4j-core 2.12.1: the 2.12 branch fixes", "Maven", "org.apache.logging.log4j:log4j-core", "2.12.1", []got{
			{"CVE-2021-44228", []string{"GHSA-jfh8-c2jp-5v3q"}, "2.12.2"},
			{"CVE-2021-44832", []string{"GHSA-8489-44mv-ggj8"}, "2.12.4"},
			{"CVE-2021-45046", []string{"GHSA-7rjr-3q55-vv33"}, "2.12.2"},
			{"CVE-2021-45105", []string{"GHSA-p6xc-xr62-6r2g"}, "2.12.3"},
		}},
		{"log4j-core 2.17.1 is clean", "Maven", "org.apache.logging.log4j:log4j-core", "2.17.1", []got{}},
		{"log4j 1.2.17: open range, no fix", "Maven", "log4j:log4j", "1.2.17", []got{
			{"CVE-2021-4104", []string{"GHSA-fp5r-v3w9-4333"}, ""},
		}},
		{"spring-web 5.2.24.RELEASE: last_affected branch, fix from the next branch", "Maven", "org.springframework:spring-web", "5.2.24.RELEASE", []got{
			{"CVE-2024-22243", []string{"GHSA-ccgv-vj62-xf9h"}, "5.3.32"},
		}},
		{"spring-web 6.1.4 is clean", "Maven", "org.springframework:spring-web", "6.1.4", []got{}},
		{"spring-beans 5.2.19.RELEASE", "Maven", "org.springframework:spring-beans", "5.2.19.RELEASE", []got{
			{"CVE-2022-22965", []string{"GHSA-36p3-wjmg-h94x"}, "5.2.20.RELEASE"},
		}},
		{"commons-collections 3.2.1", "Maven", "commons-collections:commons-collections", "3.2.1", []got{
			{"CVE-2015-6420", []string{"GHSA-6hgm-866r-3cjv"}, "3.2.2"},
			{"CVE-2015-7501", []string{"GHSA-fjq5-5j5f-mvxh"}, "3.2.2"},
		}},
		{"multi-ecosystem record, Maven side", "Maven", "org.webjars.npm:handlebars", "4.5.3", []got{
			{"CVE-2021-23369", []string{"GHSA-f2jv-r9rf-7988"}, "4.7.7"},
		}},
		{"multi-ecosystem record, npm side", "npm", "handlebars", "4.5.3", []got{
			{"CVE-2021-23369", []string{"GHSA-f2jv-r9rf-7988"}, "4.7.7"},
		}},
		{"netty-codec-http2: no CVE, GHSA id kept", "Maven", "io.netty:netty-codec-http2", "4.1.99.Final", []got{
			{"GHSA-xpw8-rcwv-8f8p", nil, "4.1.100.Final"},
		}},
		{"lodash 4.17.15", "npm", "lodash", "4.17.15", []got{
			{"CVE-2020-28500", []string{"GHSA-29mw-wpgm-hmr9"}, "4.17.21"},
			{"CVE-2020-8203", []string{"GHSA-p6mc-m468-83gw"}, "4.17.20"},
			{"CVE-2021-23337", []string{"GHSA-35jh-r3h4-6jhm"}, "4.17.21"},
		}},
		{"lodash.trim 4.5.1: last_affected", "npm", "lodash.trim", "4.5.1", []got{
			{"CVE-2020-28500", []string{"GHSA-29mw-wpgm-hmr9"}, ""},
		}},
		{"lodash.trim 4.5.2 is above last_affected", "npm", "lodash.trim", "4.5.2", []got{}},
		{"express 4.18.2", "npm", "express", "4.18.2", []got{
			{"CVE-2024-29041", []string{"GHSA-rv95-896h-c2vc"}, "4.19.2"},
			{"CVE-2024-43796", []string{"GHSA-qw6h-vgh9-j6wx"}, "4.20.0"},
		}},
		{"express 5.0.0-beta.1: prerelease ranges", "npm", "express", "5.0.0-beta.1", []got{
			{"CVE-2024-29041", []string{"GHSA-rv95-896h-c2vc"}, "5.0.0-beta.3"},
			{"CVE-2024-43796", []string{"GHSA-qw6h-vgh9-j6wx"}, "5.0.0"},
		}},
		{"axios 0.21.1: fixed bound is exclusive", "npm", "axios", "0.21.1", []got{
			{"CVE-2021-3749", []string{"GHSA-cph5-m8f7-6c5x"}, "0.21.2"},
			{"CVE-2023-45857", []string{"GHSA-wf5p-g6vw-rhxx"}, "1.6.0"},
		}},
		{"moment 2.29.1 (record also lists NuGet)", "npm", "moment", "2.29.1", []got{
			{"CVE-2022-24785", []string{"GHSA-8hfj-j24r-96c4"}, "2.29.2"},
			{"CVE-2022-31129", []string{"GHSA-wc69-rhjr-hc9g"}, "2.29.4"},
		}},
		{"jsonwebtoken 8.5.1", "npm", "jsonwebtoken", "8.5.1", []got{
			{"CVE-2022-23529", []string{"GHSA-27h2-hvpr-p74q"}, "9.0.0"},
			{"CVE-2022-23539", []string{"GHSA-8cf7-32gw-wr33"}, "9.0.0"},
			{"CVE-2022-23540", []string{"GHSA-qwph-4952-7xr6"}, "9.0.0"},
			{"CVE-2022-23541", []string{"GHSA-hjrf-2m68-5959"}, "9.0.0"},
		}},
		{"ws 7.4.5", "npm", "ws", "7.4.5", []got{
			{"CVE-2021-32640", []string{"GHSA-6fc8-4gx4-v693"}, "7.4.6"},
			{"CVE-2024-37890", []string{"GHSA-3h5v-q93c-6h6q"}, "7.5.10"},
		}},
		{"node-fetch 2.6.0: 2.6.7 is still inside the 1.0–3.1.1 range, so 3.1.1", "npm", "node-fetch", "2.6.0", []got{
			{"CVE-2020-15168", []string{"GHSA-w7rc-rwvf-8q5r"}, "2.6.1"},
			{"CVE-2022-0235", []string{"GHSA-r683-j2x4-v87g"}, "3.1.1"},
		}},
		{"qs 6.5.2", "npm", "qs", "6.5.2", []got{
			{"CVE-2022-24999", []string{"GHSA-hrpp-h998-j3pp"}, "6.5.3"},
		}},
		{"aws-java-sdk-s3 1.12.100", "Maven", "com.amazonaws:aws-java-sdk-s3", "1.12.100", []got{{"CVE-2022-31159", []string{"GHSA-c28r-hw5m-5gv3"}, "1.12.261"}}},
		{"gson 2.8.5", "Maven", "com.google.code.gson:gson", "2.8.5", []got{{"CVE-2022-25647", []string{"GHSA-4jrv-ppp4-jm57"}, "2.8.9"}}},
		{"commons-text 1.9", "Maven", "org.apache.commons:commons-text", "1.9", []got{{"CVE-2022-42889", []string{"GHSA-599f-7c49-w659"}, "1.10.0"}}},
		{"commons-text 1.4: below introduced", "Maven", "org.apache.commons:commons-text", "1.4", []got{}},
		{"bcprov-jdk15on 1.66", "Maven", "org.bouncycastle:bcprov-jdk15on", "1.66", []got{{"CVE-2020-28052", []string{"GHSA-73xv-w5gp-frxh"}, "1.67"}}},
		{"bcprov-jdk15on 1.64: below introduced", "Maven", "org.bouncycastle:bcprov-jdk15on", "1.64", []got{}},
		{"snakeyaml 1.30", "Maven", "org.yaml:snakeyaml", "1.30", []got{
			{"CVE-2022-1471", []string{"GHSA-mjmj-j48q-9wg2"}, "2.0"},
			{"CVE-2022-25857", []string{"GHSA-3mc7-4q67-w48m"}, "1.31"},
		}},
		{"snakeyaml 1.33", "Maven", "org.yaml:snakeyaml", "1.33", []got{{"CVE-2022-1471", []string{"GHSA-mjmj-j48q-9wg2"}, "2.0"}}},
		{"netty-codec 4.1.67.Final", "Maven", "io.netty:netty-codec", "4.1.67.Final", []got{{"CVE-2021-37136", []string{"GHSA-grg4-wf29-r9vv"}, "4.1.68.Final"}}},
		{"netty-codec-http 4.1.70.Final", "Maven", "io.netty:netty-codec-http", "4.1.70.Final", []got{{"CVE-2021-43797", []string{"GHSA-wx5j-54mm-rqqq"}, "4.1.71.Final"}}},
		{"spring-boot-starter-web 2.6.5", "Maven", "org.springframework.boot:spring-boot-starter-web", "2.6.5", []got{{"CVE-2022-22965", []string{"GHSA-36p3-wjmg-h94x"}, "2.6.6"}}},
		{"axios 0.21.0", "npm", "axios", "0.21.0", []got{
			{"CVE-2020-28168", []string{"GHSA-4w2v-q235-vp99"}, "0.21.1"},
			{"CVE-2021-3749", []string{"GHSA-cph5-m8f7-6c5x"}, "0.21.2"},
			{"CVE-2023-45857", []string{"GHSA-wf5p-g6vw-rhxx"}, "1.6.0"},
		}},
		{"follow-redirects 1.14.7", "npm", "follow-redirects", "1.14.7", []got{
			{"CVE-2022-0155", []string{"GHSA-74fj-2j2h-c42q"}, "1.14.8"},
			{"CVE-2023-26159", []string{"GHSA-jchw-25xp-jwwc"}, "1.15.4"},
			{"CVE-2024-28849", []string{"GHSA-cxjh-pqwp-8mfp"}, "1.15.6"},
		}},
		{"handlebars 4.1.2", "npm", "handlebars", "4.1.2", []got{
			{"CVE-2019-19919", []string{"GHSA-w457-6q6x-cgp9"}, "4.3.0"},
			{"CVE-2021-23369", []string{"GHSA-f2jv-r9rf-7988"}, "4.7.7"},
		}},
		{"json5 2.2.1", "npm", "json5", "2.2.1", []got{{"CVE-2022-46175", []string{"GHSA-9c47-m6qq-7p4h"}, "2.2.2"}}},
		{"json5 1.0.1", "npm", "json5", "1.0.1", []got{{"CVE-2022-46175", []string{"GHSA-9c47-m6qq-7p4h"}, "1.0.2"}}},
		{"lodash 4.17.11", "npm", "lodash", "4.17.11", []got{
			{"CVE-2019-10744", []string{"GHSA-jf85-cpcp-j695"}, "4.17.12"},
			{"CVE-2020-28500", []string{"GHSA-29mw-wpgm-hmr9"}, "4.17.21"},
			{"CVE-2020-8203", []string{"GHSA-p6mc-m468-83gw"}, "4.17.20"},
			{"CVE-2021-23337", []string{"GHSA-35jh-r3h4-6jhm"}, "4.17.21"},
		}},
		{"lodash-es 4.17.13: its own fix for CVE-2019-10744", "npm", "lodash-es", "4.17.13", []got{
			{"CVE-2019-10744", []string{"GHSA-jf85-cpcp-j695"}, "4.17.14"},
			{"CVE-2020-28500", []string{"GHSA-29mw-wpgm-hmr9"}, "4.17.21"},
			{"CVE-2020-8203", []string{"GHSA-p6mc-m468-83gw"}, "4.17.20"},
			{"CVE-2021-23337", []string{"GHSA-35jh-r3h4-6jhm"}, "4.17.21"},
		}},
		{"lodash 4.17.21 is clean", "npm", "lodash", "4.17.21", []got{}},
		{"path-to-regexp 0.1.7", "npm", "path-to-regexp", "0.1.7", []got{{"CVE-2024-45296", []string{"GHSA-9wv6-86v2-598j"}, "0.1.10"}}},
		{"path-to-regexp 1.8.0: the 1.x branch fix", "npm", "path-to-regexp", "1.8.0", []got{{"CVE-2024-45296", []string{"GHSA-9wv6-86v2-598j"}, "1.9.0"}}},
		{"semver 7.3.8", "npm", "semver", "7.3.8", []got{{"CVE-2022-25883", []string{"GHSA-c2qf-rxjj-qqgw"}, "7.5.2"}}},
		{"semver 5.7.1", "npm", "semver", "5.7.1", []got{{"CVE-2022-25883", []string{"GHSA-c2qf-rxjj-qqgw"}, "5.7.2"}}},
		{"tar 4.4.13", "npm", "tar", "4.4.13", []got{
			{"CVE-2021-32803", []string{"GHSA-r628-mhmh-qjhw"}, "4.4.15"},
			{"CVE-2021-37701", []string{"GHSA-9r2w-394v-53qc"}, "4.4.16"},
		}},
		{"underscore 1.12.0", "npm", "underscore", "1.12.0", []got{{"CVE-2021-23358", []string{"GHSA-cf4h-3jhx-xvhq"}, "1.12.1"}}},
		{"underscore 1.3.1: below introduced", "npm", "underscore", "1.3.1", []got{}},
		{"xml2js 0.4.23", "npm", "xml2js", "0.4.23", []got{{"CVE-2023-0842", []string{"GHSA-776f-qx25-q3cc"}, "0.5.0"}}},
		{"body-parser 1.20.2", "npm", "body-parser", "1.20.2", []got{{"CVE-2024-45590", []string{"GHSA-qwcr-r2fm-qrc7"}, "1.20.3"}}},
		{"minimist 0.0.8", "npm", "minimist", "0.0.8", []got{{"CVE-2021-44906", []string{"GHSA-xvch-5gv4-984h"}, "0.2.4"}}},
		{"requests 2.28.0: PYSEC and GHSA merged into one CVE", "PyPI", "requests", "2.28.0", []got{
			{"CVE-2023-32681", []string{"GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"}, "2.31.0"},
		}},
		{"requests 2.19.1", "PyPI", "requests", "2.19.1", []got{
			{"CVE-2018-18074", []string{"GHSA-x84v-xcm2-53pg", "PYSEC-2018-28"}, "2.20.0"},
			{"CVE-2023-32681", []string{"GHSA-j8r2-6x86-q33q", "PYSEC-2023-74"}, "2.31.0"},
		}},
		{"requests 2.2.1", "PyPI", "requests", "2.2.1", []got{
			{"CVE-2014-1829", []string{"GHSA-cfj3-7x9c-4p3h", "PYSEC-2014-13"}, "2.3.0"},
			{"CVE-2014-1830", []string{"GHSA-652x-xj99-gmcc", "PYSEC-2014-14"}, "2.3.0"},
			{"CVE-2015-2296", []string{"PYSEC-2015-17"}, "2.6.0"},
			{"CVE-2018-18074", []string{"GHSA-x84v-xcm2-53pg", "PYSEC-2018-28"}, "2.20.0"},
		}},
		{"jinja2 2.10", "PyPI", "jinja2", "2.10", []got{
			{"CVE-2019-10906", []string{"GHSA-462w-v97r-4m45", "PYSEC-2019-217"}, "2.10.1"},
			{"CVE-2020-28493", []string{"GHSA-g3rq-g295-4j3m", "PYSEC-2021-66", "SNYK-PYTHON-JINJA2-1012994"}, "2.11.3"},
			{"CVE-2024-22195", []string{"GHSA-h5c8-rqwp-cp95"}, "3.1.3"},
		}},
		{"urllib3 2.0.3: events listed out of order in one range", "PyPI", "urllib3", "2.0.3", []got{
			{"CVE-2023-43804", []string{"GHSA-v845-jxx5-vc9f", "PYSEC-2023-192"}, "2.0.6"},
			{"CVE-2023-45803", []string{"GHSA-g4mx-q9vg-27p4", "PYSEC-2023-212"}, "2.0.7"},
		}},
		{"urllib3 1.26.5", "PyPI", "urllib3", "1.26.5", []got{
			{"CVE-2023-43804", []string{"GHSA-v845-jxx5-vc9f", "PYSEC-2023-192"}, "1.26.17"},
			{"CVE-2023-45803", []string{"GHSA-g4mx-q9vg-27p4", "PYSEC-2023-212"}, "1.26.18"},
		}},
		{"py 1.11.0: last_affected", "PyPI", "py", "1.11.0", []got{
			{"CVE-2022-42969", []string{"GHSA-w596-4wvx-j9j6", "PYSEC-2022-42969"}, ""},
		}},
		{"pyyaml 5.1: prerelease fix 5.2b1", "PyPI", "pyyaml", "5.1", []got{
			{"CVE-2019-20477", []string{"GHSA-3pqx-4fqf-j49f", "PYSEC-2020-176"}, "5.2b1"},
			{"CVE-2020-14343", []string{"GHSA-8q59-q68h-6hv4", "PYSEC-2021-142"}, "5.4"},
			{"CVE-2020-1747", []string{"GHSA-6757-jp84-gxfx", "PYSEC-2020-96"}, "5.3.1"},
		}},
		{"redis 4.5.0: withdrawn PYSEC-2023-73 absent", "PyPI", "redis", "4.5.0", []got{
			{"CVE-2023-28858", []string{"PYSEC-2023-45"}, "4.5.3"},
			{"CVE-2023-28859", []string{"PYSEC-2023-46"}, "4.5.4"},
		}},
		{"redis 3.0.0: only a withdrawn record would match", "PyPI", "redis", "3.0.0", []got{}},
		{"pynetbox: only withdrawn records", "PyPI", "pynetbox", "6.0.0", []got{}},
		{"selenium 4.0.0: withdrawn PYSEC-2023-101 absent", "PyPI", "selenium", "4.0.0", []got{
			{"CVE-2023-5590", []string{"PYSEC-2023-206"}, "4.14.0"},
		}},
		{"aiohttp 3.9.1", "PyPI", "aiohttp", "3.9.1", []got{
			{"CVE-2024-23334", []string{"GHSA-5h86-8mv2-jq9f", "PYSEC-2024-24"}, "3.9.2"},
			{"CVE-2024-23829", []string{"GHSA-8qpw-xqxj-h4r2", "PYSEC-2024-26"}, "3.9.2"},
		}},
		{"limit: below the limit", "npm", "lsfixture-limit", "1.5.0", []got{{"LSTEST-2026-0001", nil, "3.1.0"}}},
		{"limit: at or above the limit", "npm", "lsfixture-limit", "2.5.0", []got{}},
		{"limit: the second range", "npm", "lsfixture-limit", "3.0.5", []got{{"LSTEST-2026-0001", nil, "3.1.0"}}},
		{"versions list: equal under PEP 440", "PyPI", "lsfixture-versions", "1.0.0", []got{{"LSTEST-2026-0002", nil, ""}}},
		{"versions list: exact", "PyPI", "lsfixture-versions", "1.1.post1", []got{{"LSTEST-2026-0002", nil, ""}}},
		{"versions list: prerelease spelled differently", "PyPI", "lsfixture-versions", "2.0rc1", []got{{"LSTEST-2026-0002", nil, ""}}},
		{"versions list: not listed", "PyPI", "lsfixture-versions", "1.1", []got{}},
		{"SEMVER unordered events: first range", "npm", "lsfixture-semver", "1.4.1", []got{{"LSTEST-2026-0003", nil, "1.4.2"}}},
		{"SEMVER unordered events: fixed", "npm", "lsfixture-semver", "1.4.2", []got{}},
		{"SEMVER unordered events: second range", "npm", "lsfixture-semver", "2.0.0", []got{{"LSTEST-2026-0003", nil, "2.0.1"}}},
		{"range plus list: listed outside the range", "npm", "lsfixture-mixed", "0.5.0", []got{{"LSTEST-2026-0008", nil, "1.2.0"}}},
		{"range plus list: in the range", "npm", "lsfixture-mixed", "1.1.5", []got{{"LSTEST-2026-0008", nil, "1.2.0"}}},
		{"range plus list: neither", "npm", "lsfixture-mixed", "0.6.0", []got{}},
		{"GIT range and withdrawn record ignored", "npm", "lsfixture-semver", "0.9.0", []got{}},
		{"records sharing a CVE merge; fix clears both", "PyPI", "lsfixture-alias", "1.1", []got{
			{"CVE-2099-0001", []string{"LSTEST-2026-0004", "LSTEST-2026-0005"}, "1.3.0"},
		}},
		{"records sharing a CVE: only the first applies", "PyPI", "lsfixture-alias", "0.5", []got{
			{"CVE-2099-0001", []string{"LSTEST-2026-0004"}, "1.2.0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := finding.Package{Ecosystem: tt.eco, Name: tt.pkg, Version: tt.version, Location: finding.Location{Path: "manifest"}}
			fs, notes, err := db.Match(context.Background(), []finding.Package{p})
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != 0 {
				t.Errorf("notifications: %+v", notes)
			}
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("%s %s@%s (-want +got):\n%s", tt.eco, tt.pkg, tt.version, diff)
			}
		})
	}
}

// TestMatchFinding checks every field of one merged finding.
func TestMatchFinding(t *testing.T) {
	db := openTestDB(t)
	p := finding.Package{
		Ecosystem: "Maven", Name: "com.fasterxml.jackson.core:jackson-databind", Version: "2.13.1",
		PURL:     "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.1",
		Location: finding.Location{Input: "fn.zip", Path: "lib/app.jar!/META-INF/maven/com.fasterxml.jackson.core/jackson-databind/pom.properties"},
		Layer:    "arn:aws:lambda:us-east-1:123456789012:layer:deps:3",
	}
	fs, _, err := db.Match(context.Background(), []finding.Package{p})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(fs, func(f finding.Finding) bool { return f.RuleID == "CVE-2020-36518" })
	if i < 0 {
		t.Fatalf("CVE-2020-36518 not found in %v", summarize(fs))
	}
	f := fs[i]
	if f.Rule == nil {
		t.Fatal("no rule")
	}
	rule := *f.Rule
	if !strings.HasPrefix(rule.Description, "jackson-databind is a data-binding package for the Jackson Data Processor. jackson-databind allows a Java stack overflow") {
		t.Errorf("description = %q", rule.Description)
	}
	rule.Description = ""
	if len(rule.References) < 3 || !slices.Contains(rule.References, "https://nvd.nist.gov/vuln/detail/CVE-2020-36518") {
		t.Errorf("references = %v", rule.References)
	}
	rule.References = nil
	wantRule := finding.Rule{
		ID: "CVE-2020-36518", Title: "Deeply nested json in jackson-databind",
		Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh, CWE: []int{787},
		Tags:        []string{"dependency", "vulnerability", "Maven"},
		Remediation: "Upgrade jackson-databind to 2.13.2.1 in lib/app.jar",
		Languages:   []string{"java"},
	}
	if diff := cmp.Diff(wantRule, rule); diff != "" {
		t.Errorf("rule (-want +got):\n%s", diff)
	}
	f.Rule = nil
	f.Fingerprint = ""
	pc := p
	want := finding.Finding{
		RuleID: "CVE-2020-36518", Kind: finding.KindPackage,
		Message:  "jackson-databind 2.13.1 is affected by CVE-2020-36518 (GHSA-57j2-w4cx-62h2); fixed in 2.13.2.1",
		Severity: finding.SeverityHigh, Confidence: finding.ConfidenceHigh,
		Location: p.Location, Layer: p.Layer, Package: &pc,
		Vulnerability: &finding.Vulnerability{
			ID: "CVE-2020-36518", Aliases: []string{"GHSA-57j2-w4cx-62h2"},
			Summary:      "Deeply nested json in jackson-databind",
			FixedVersion: "2.13.2.1", FixAvailable: true,
			CVSSVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", CVSSScore: 7.5,
		},
		Score:      7.5,
		Properties: map[string]string{"severitySource": "cvss_v3"},
	}
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("finding (-want +got):\n%s", diff)
	}
}

// TestMatchSeverity checks where severity comes from: v3 over v4, GHSA's
// word when there is no vector, medium when there is nothing.
func TestMatchSeverity(t *testing.T) {
	db := openTestDB(t)
	tests := []struct {
		name, eco, pkg, version, id string
		sev                         finding.Severity
		score                       float64
		vectorPrefix, source        string
	}{
		{"v3 preferred over v4", "npm", "body-parser", "1.20.2", "CVE-2024-45590", finding.SeverityHigh, 7.5, "CVSS:3.1/", "cvss_v3"},
		{"CVSS 3.0 vector", "npm", "follow-redirects", "1.14.7", "CVE-2022-0155", finding.SeverityHigh, 8.0, "CVSS:3.0/", "cvss_v3"},
		{"empty severity list: database word", "npm", "jsonwebtoken", "8.5.1", "CVE-2022-23539", finding.SeverityMedium, 0, "", "database"},
		{"GHSA HIGH word without vector", "Maven", "commons-collections:commons-collections", "3.2.1", "CVE-2015-6420", finding.SeverityHigh, 0, "", "database"},
		{"only a v4 vector", "PyPI", "lsfixture-alias", "1.1", "CVE-2099-0001", finding.SeverityCritical, 9.3, "CVSS:4.0/", "cvss_v4"},
		{"PYSEC without severity: medium default", "PyPI", "requests", "2.2.1", "CVE-2015-2296", finding.SeverityMedium, 0, "", "default"},
		{"GHSA LOW word but v3 vector decides", "Maven", "com.google.guava:guava", "29.0", "CVE-2020-8908", finding.SeverityLow, 3.3, "CVSS:3.1/", "cvss_v3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, _, err := db.Match(context.Background(), []finding.Package{{Ecosystem: tt.eco, Name: tt.pkg, Version: tt.version}})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(fs, func(f finding.Finding) bool { return f.RuleID == tt.id })
			if i < 0 {
				t.Fatalf("%s not in %v", tt.id, summarize(fs))
			}
			f := fs[i]
			type sv struct {
				Sev    finding.Severity
				Score  float64
				Vector bool
				Source string
			}
			g := sv{f.Severity, f.Vulnerability.CVSSScore, strings.HasPrefix(f.Vulnerability.CVSSVector, tt.vectorPrefix) && (tt.vectorPrefix != "") == (f.Vulnerability.CVSSVector != ""), f.Properties["severitySource"]}
			if diff := cmp.Diff(sv{tt.sev, tt.score, true, tt.source}, g); diff != "" {
				t.Errorf("(-want +got):\n%s\nvector %q", diff, f.Vulnerability.CVSSVector)
			}
			if (tt.source == "default") != (f.Properties["severityNote"] != "") {
				t.Errorf("severityNote = %q", f.Properties["severityNote"])
			}
			if f.Score != f.Vulnerability.CVSSScore {
				t.Errorf("Score %v != CVSSScore %v", f.Score, f.Vulnerability.CVSSScore)
			}
		})
	}
}

// TestMatchUnparsable checks that versions that are not versions are
// reported and skipped, and that good packages in the same call still match.
func TestMatchUnparsable(t *testing.T) {
	db := openTestDB(t)
	pkgs := []finding.Package{
		{Ecosystem: "npm", Name: "lodash", Version: "^4.17.0", Location: finding.Location{Input: "fn", Path: "package.json", StartLine: 7}},
		{Ecosystem: "Maven", Name: "org.yaml:snakeyaml", Version: "${snakeyaml.version}", Location: finding.Location{Input: "fn", Path: "pom.xml"}},
		{Ecosystem: "PyPI", Name: "requests", Version: "dev-master", Location: finding.Location{Input: "fn", Path: "requirements.txt"}},
		{Ecosystem: "npm", Name: "lodash", Version: "", Location: finding.Location{Input: "fn", Path: "yarn.lock"}},
		{Ecosystem: "npm", Name: "minimist", Version: "1.2.5", Location: finding.Location{Input: "fn", Path: "package-lock.json"}},
		{Ecosystem: "Go", Name: "example.com/x", Version: "v1.0.0"},
	}
	fs, notes, err := db.Match(context.Background(), pkgs)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]got{{"CVE-2021-44906", []string{"GHSA-xvch-5gv4-984h"}, "1.2.6"}}, summarize(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	type n struct{ Code, Path string }
	var gotNotes []n
	for _, x := range notes {
		gotNotes = append(gotNotes, n{x.Code, x.Path})
		if x.Level != finding.LevelWarning || x.Input != "fn" || !strings.Contains(x.Message, "not checked") {
			t.Errorf("notification %+v", x)
		}
	}
	want := []n{{"unparsable-version", "package.json"}, {"unparsable-version", "pom.xml"}, {"unparsable-version", "requirements.txt"}, {"unparsable-version", "yarn.lock"}}
	if diff := cmp.Diff(want, gotNotes); diff != "" {
		t.Errorf("notifications (-want +got):\n%s", diff)
	}
}

// TestMatchDetails covers messages, remediation without a fix, name
// normalisation, duplicates and cancellation.
func TestMatchDetails(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	t.Run("no fix remediation and message", func(t *testing.T) {
		fs, _, err := db.Match(ctx, []finding.Package{{Ecosystem: "Maven", Name: "log4j:log4j", Version: "1.2.17", Location: finding.Location{Path: "java/lib/log4j-1.2.17.jar"}}})
		if err != nil || len(fs) != 1 {
			t.Fatalf("got %v, %v", fs, err)
		}
		if diff := cmp.Diff([]string{
			"log4j 1.2.17 is affected by CVE-2021-4104 (GHSA-fp5r-v3w9-4333); no fixed version is published",
			"No fixed version is published; remove or replace log4j in java/lib/log4j-1.2.17.jar",
		}, []string{fs[0].Message, fs[0].Rule.Remediation}); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("names normalised like the inventory", func(t *testing.T) {
		fs, _, err := db.Match(ctx, []finding.Package{
			{Ecosystem: "PyPI", Name: "PyYAML", Version: "5.3.1"},
			{Ecosystem: "pypi", Name: "LSFixture_Versions", Version: "1.0"},
			{Ecosystem: "npm", Name: "Lodash", Version: "4.17.20"},
		})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range fs {
			ids = append(ids, f.RuleID)
		}
		slices.Sort(ids)
		if diff := cmp.Diff([]string{"CVE-2020-14343", "CVE-2020-28500", "CVE-2021-23337", "LSTEST-2026-0002"}, ids); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("identical packages reported once, distinct locations each", func(t *testing.T) {
		p := finding.Package{Ecosystem: "npm", Name: "qs", Version: "6.5.2", Location: finding.Location{Path: "a/package-lock.json"}}
		q := p
		q.Location.Path = "b/package-lock.json"
		q.Layer = "layer-1"
		fs, _, err := db.Match(ctx, []finding.Package{p, p, q})
		if err != nil {
			t.Fatal(err)
		}
		if len(fs) != 2 || fs[0].Location.Path != "a/package-lock.json" || fs[1].Layer != "layer-1" || FingerprintText(&fs[0]) == FingerprintText(&fs[1]) {
			t.Errorf("got %+v", fs)
		}
	})
	t.Run("low-confidence package gives low-confidence finding", func(t *testing.T) {
		fs, _, err := db.Match(ctx, []finding.Package{{Ecosystem: "npm", Name: "qs", Version: "6.5.2", Confidence: finding.ConfidenceLow}})
		if err != nil || len(fs) != 1 || fs[0].Confidence != finding.ConfidenceLow {
			t.Errorf("got %+v, %v", fs, err)
		}
	})
	t.Run("stale store warns once", func(t *testing.T) {
		old := openTestDB(t)
		old.now = func() time.Time { return time.Now().Add(10 * 24 * time.Hour) }
		pkgs := []finding.Package{{Ecosystem: "npm", Name: "qs", Version: "6.5.2"}, {Ecosystem: "npm", Name: "ws", Version: "7.4.5"}}
		_, notes, err := old.Match(ctx, pkgs)
		if err != nil || len(notes) != 1 || notes[0].Code != CodeStale || !strings.Contains(notes[0].Message, "10 days") {
			t.Errorf("notes %+v, %v", notes, err)
		}
		old.MaxAge = 30 * 24 * time.Hour
		if _, notes, _ := old.Match(ctx, pkgs); len(notes) != 0 {
			t.Errorf("MaxAge 30 days: %+v", notes)
		}
		old.MaxAge = -1
		if _, notes, _ := old.Match(ctx, pkgs); len(notes) != 0 {
			t.Errorf("MaxAge -1: %+v", notes)
		}
	})
	t.Run("closed", func(t *testing.T) {
		closed := openTestDB(t)
		closed.Close()
		if _, _, err := closed.Match(ctx, []finding.Package{{Ecosystem: "npm", Name: "qs", Version: "6.5.2"}}); err == nil {
			t.Error("no error from a closed database")
		}
		if _, err := closed.Status(); err == nil {
			t.Error("no error from a closed database")
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := db.Match(c, []finding.Package{{Ecosystem: "npm", Name: "qs", Version: "6.5.2"}}); err == nil {
			t.Error("no error from a cancelled context")
		}
	})
}

// TestPruneEquivalence shows that dropping list versions already covered
// by ranges (done at import) changes no match: every version named in the
// test records' ranges and lists is matched against a pruned and an
// unpruned store.
func TestPruneEquivalence(t *testing.T) {
	ctx := context.Background()
	srcs := []string{filepath.Join("testdata", "osv", "pypa"), filepath.Join("testdata", "osv", "ghsa"), filepath.Join("testdata", "osv", "synthetic")}
	pruned, unpruned := t.TempDir(), t.TempDir()
	if err := Import(ctx, pruned, srcs...); err != nil {
		t.Fatal(err)
	}
	pruneLists = false
	err := Import(ctx, unpruned, srcs...)
	pruneLists = true
	if err != nil {
		t.Fatal(err)
	}
	// Every version string in the raw records, for every package.
	var pkgs []finding.Package
	seen := map[string]bool{}
	for _, src := range srcs {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(p) != ".json" {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			var r record
			if json.Unmarshal(b, &r) != nil {
				return nil
			}
			for _, a := range r.Affected {
				vs := slices.Clone(a.Versions)
				for _, rg := range a.Ranges {
					for _, e := range rg.Events {
						vs = append(vs, e.version())
					}
				}
				for _, v := range vs {
					k := a.Package.Ecosystem + "|" + a.Package.Name + "|" + v
					if !seen[k] {
						seen[k] = true
						pkgs = append(pkgs, finding.Package{Ecosystem: a.Package.Ecosystem, Name: a.Package.Name, Version: v})
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(pkgs) < 1000 {
		t.Fatalf("only %d packages", len(pkgs))
	}
	results := [2][]string{}
	for i, dir := range []string{pruned, unpruned} {
		db, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		fs, _, err := db.Match(ctx, pkgs)
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			results[i] = append(results[i], f.Package.Name+"@"+f.Package.Version+" "+f.RuleID+" fix="+f.Vulnerability.FixedVersion)
		}
		slices.Sort(results[i])
	}
	if len(results[0]) < 500 {
		t.Errorf("only %d findings", len(results[0]))
	}
	if diff := cmp.Diff(results[1], results[0]); diff != "" {
		t.Errorf("pruned store differs (-unpruned +pruned):\n%s", diff)
	}
}
