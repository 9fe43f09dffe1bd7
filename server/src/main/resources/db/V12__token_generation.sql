-- Admin API tokens name the generation of their user's credentials; a password or role change, or a deletion,
-- moves it on and every token issued before stops working (issue 17, item 3).
ALTER TABLE users ADD COLUMN token_generation INTEGER;
