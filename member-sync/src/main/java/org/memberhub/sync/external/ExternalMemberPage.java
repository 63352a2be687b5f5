package org.memberhub.sync.external;

import java.util.List;

/** One page of the external member API: records in (updatedAt, externalId) order, and whether more follow. */
record ExternalMemberPage(List<ExternalMember> items, boolean hasMore) {}
