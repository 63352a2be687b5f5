package org.memberhub.perf;

import java.util.List;
import java.util.Map;

/**
 * What the seeding left in the application, as the scenarios need it.
 *
 * @param members members registered
 * @param readable ids of members that are not deleted
 * @param active ids of active members outside the freeze pool (purchases, updates, self-service)
 * @param freezePool ids of active members that only the mixed plan's freeze/unfreeze touches
 * @param activeMobiles mobiles of active members (the member-create plan's duplicates)
 * @param frozen members left frozen
 * @param deleted members deleted
 * @param tagged members with tags
 * @param levels members per level, as their purchases put them
 */
record DataSet(
        int members,
        List<String> readable,
        List<String> active,
        List<String> freezePool,
        List<String> activeMobiles,
        int frozen,
        int deleted,
        int tagged,
        Map<Integer, Integer> levels) {}
