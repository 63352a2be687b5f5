-- Copies each tagged member's tags onto its row (V2026_12_06_0200), in order.
UPDATE members SET tags = (SELECT ARRAY_AGG(member_tags.tag ORDER BY member_tags.tag)
                           FROM member_tags
                           WHERE member_tags.member_id = members.id)
WHERE EXISTS (SELECT 1 FROM member_tags WHERE member_tags.member_id = members.id);
