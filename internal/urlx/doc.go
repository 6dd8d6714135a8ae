// Package urlx is a fast subset of the WHATWG URL Standard
// (https://url.spec.whatwg.org/) tailored to Content-Security-Policy
// matching. It implements the basic URL parser without state override
// (absolute parsing and resolution of a reference against a base URL,
// including the special-scheme, file, opaque-path and non-special
// authority states), the host parser (domains through UTS #46 domain to
// ASCII, IPv4 with its decimal/octal/hex forms, IPv6 with embedded IPv4,
// opaque hosts and empty hosts), port handling with default-port
// elision, dot-segment removal, the percent-encode sets of the standard,
// href serialisation and origins (including blob: URLs). It does not
// implement setters, URLSearchParams, non-UTF-8 query encodings or
// validation-error reporting beyond failure. Parsing never panics and,
// for input that is already normalised, returns a URL whose fields slice
// the input string without allocating.
package urlx
