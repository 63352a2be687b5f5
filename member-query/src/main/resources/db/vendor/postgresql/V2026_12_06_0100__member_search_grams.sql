-- PostgreSQL only: the list's text search for one or two characters (a Chinese surname, a
-- two-character given name, initials, a digit pair), which the trigram indexes cannot serve:
-- they need three characters, so such a search read the whole table, or worse, every entry of
-- a trigram index and then the table. A field contains a text of one or two characters exactly
-- when the text is one of the field's characters or pairs of adjacent characters; this index
-- holds those of every listed member's name, mobile and e-mail (name and e-mail lower-cased, as
-- ILIKE compares them).
CREATE FUNCTION member_search_grams(name TEXT, mobile TEXT, email TEXT) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT ARRAY(SELECT DISTINCT substr(field, i, n)
                 FROM unnest(ARRAY[lower(name), mobile, lower(email)]) field,
                      generate_series(1, char_length(field)) i,
                      generate_series(1, 2) n
                 WHERE i + n - 1 <= char_length(field))
$$;

CREATE INDEX members_search_grams_idx ON members USING gin (member_search_grams(name, mobile, email))
    WHERE status <> 'DELETED';
