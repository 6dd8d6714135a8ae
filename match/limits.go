package match

import "github.com/cspkit/cspkit/internal/urlx"

// MaxURLLength is the longest page or target URL decided, both as given and
// as serialised after resolution against the page: 2 MiB, Chromium's limit.
// A longer URL is a *URLError, never a decision. The Firefox engine refuses
// target URLs over 1 MiB (Decision.Refused), as Firefox does; WebKit has no
// fixed limit.
const MaxURLLength = urlx.MaxLength
