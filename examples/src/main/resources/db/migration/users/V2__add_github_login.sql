-- Backward compatible: a new nullable column; running code that does not know it keeps working.
ALTER TABLE user_account ADD COLUMN github_login varchar(100);
