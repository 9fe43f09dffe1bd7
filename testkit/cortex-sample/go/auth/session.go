package auth

type Session struct {
	Token string
}

func Validate(token string) bool {
	return verify(token)
}

func verify(token string) bool {
	return len(token) > 10
}
