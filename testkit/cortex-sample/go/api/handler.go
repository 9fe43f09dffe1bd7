package api

import "shop/auth"

func Handle(token string) string {
	if auth.Validate(token) {
		return "ok"
	}
	return "denied"
}
