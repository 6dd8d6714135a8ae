package match

import "github.com/cspkit/cspkit/internal/urlx"

// MaxURLLength is the longest page or target URL decided, both as given and
// as serialised after resolution against the page: 2 MiB, Chromium's limit.
// A longer URL is a *URLError, never a decision. (Firefox refuses URLs over
// 1 MiB; WebKit has no fixed limit.)
const MaxURLLength = urlx.MaxLength
