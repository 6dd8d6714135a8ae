package match

// Option changes how a decision is made. Options are created by the
// functions of this package only.
type Option interface {
	apply(*config)
}

type config struct {
	engine     *profile
	redirected bool
}

func newConfig(opts []Option) config {
	c := config{engine: &specProfile}
	for _, o := range opts {
		if o != nil {
			o.apply(&c)
		}
	}
	return c
}

type redirectedOption struct{}

func (redirectedOption) apply(c *config) { c.redirected = true }

// Redirected says that the target was reached through a redirect (its
// redirect count is above zero), so path-parts of host-sources are ignored
// (https://w3c.github.io/webappsec-csp/#source-list-paths-and-redirects).
// Browsers check every hop: decide the original URL without this option and
// each redirect target with it.
func Redirected() Option { return redirectedOption{} }

type engineOption struct{ p *profile }

func (o engineOption) apply(c *config) { c.engine = o.p }

// WithEngine selects the behaviour model that decides. Without it, Spec
// decides.
func WithEngine(e Engine) Option { return engineOption{p: e.profile()} }
