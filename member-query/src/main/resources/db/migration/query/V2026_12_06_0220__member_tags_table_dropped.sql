-- The tags are on the member rows now (V2026_12_06_0200, copied by V2026_12_06_0210).
DROP TABLE member_tags;
