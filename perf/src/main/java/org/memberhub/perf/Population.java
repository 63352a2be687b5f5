package org.memberhub.perf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The members the seeding registers, the same for a given index on every run: realistic profiles, purchases that put
 * them on all five levels (net spend thresholds 500, 2 000, 5 000 and 10 000 yuan), some refunds, tags, and a share
 * frozen or deleted afterwards.
 */
final class Population {

    static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林"
    };
    static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英"
    };
    static final String[] PINYIN = {"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou"};
    static final String[] ENGLISH = {"Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace", "Henry"};
    static final String[] TAGS = {"vip", "newsletter", "wholesale", "student", "employee", "app", "wechat", "offline"};
    static final String[] CITIES = {"上海市", "北京市", "广州市", "深圳市", "杭州市", "成都市"};

    /** Share of members on each level. */
    static final double[] LEVEL_SHARES = {0.40, 0.25, 0.17, 0.11, 0.07};

    static final int[] THRESHOLDS = {0, 500, 2000, 5000, 10000, 30000};
    static final double TAGGED = 0.4;
    static final double FROZEN = 0.03;
    static final double DELETED = 0.02;
    static final double REFUNDING = 0.1;

    enum Fate {
        ACTIVE,
        FROZEN,
        DELETED
    }

    /**
     * One member to seed.
     *
     * @param index its number in the population
     * @param profile the registration body's fields
     * @param level the level its net spend puts it on
     * @param purchases purchase amounts in yuan
     * @param refund an extra purchase refunded in full, or null
     * @param fate what happens to it after the purchases
     */
    record Member(
            int index,
            Map<String, Object> profile,
            int level,
            List<BigDecimal> purchases,
            BigDecimal refund,
            Fate fate) {

        String mobile() {
            return (String) profile.get("mobile");
        }
    }

    private final long seed;

    Population(long seed) {
        this.seed = seed;
    }

    Member member(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        boolean english = random.nextDouble() < 0.1;
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put(
                "name",
                english
                        ? ENGLISH[random.nextInt(ENGLISH.length)] + " " + PINYIN[random.nextInt(PINYIN.length)]
                        : SURNAMES[random.nextInt(SURNAMES.length)]
                                + GIVEN[random.nextInt(GIVEN.length)]
                                + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : ""));
        profile.put("mobile", mobile(index));
        if (random.nextDouble() < 0.7) {
            profile.put("email", PINYIN[random.nextInt(PINYIN.length)] + index + "@example.com");
        }
        profile.put("gender", new String[] {"MALE", "FEMALE", "UNDISCLOSED"}[random.nextInt(3)]);
        if (random.nextDouble() < 0.7) {
            profile.put(
                    "birthday",
                    LocalDate.of(1950, 1, 1).plusDays(random.nextInt(55 * 365)).toString());
        }
        profile.put("locale", english ? "en" : "zh-CN");
        if (random.nextDouble() < 0.3) {
            profile.put("address", CITIES[random.nextInt(CITIES.length)] + "人民路" + (1 + random.nextInt(999)) + "号");
        }
        if (random.nextDouble() < TAGGED) {
            List<String> tags = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            while (tags.size() < count) {
                String tag = TAGS[random.nextInt(TAGS.length)];
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            profile.put("tags", tags);
        }
        int level = level(random.nextDouble());
        List<BigDecimal> purchases = purchases(level, random);
        BigDecimal refund = !purchases.isEmpty() && random.nextDouble() < REFUNDING
                ? BigDecimal.valueOf(50 + random.nextInt(450)).setScale(2, RoundingMode.UNNECESSARY)
                : null;
        double fate = random.nextDouble();
        return new Member(
                index,
                profile,
                level,
                purchases,
                refund,
                fate < DELETED ? Fate.DELETED : fate < DELETED + FROZEN ? Fate.FROZEN : Fate.ACTIVE);
    }

    /** Unique per index: 13 then nine digits; the member-create plan uses 17, so the two never meet. */
    static String mobile(int index) {
        return String.format("13%09d", index);
    }

    private static int level(double draw) {
        double cumulative = 0;
        for (int level = 0; level < LEVEL_SHARES.length; level++) {
            cumulative += LEVEL_SHARES[level];
            if (draw < cumulative) {
                return level + 1;
            }
        }
        return LEVEL_SHARES.length;
    }

    /** One to three purchases whose sum lies in the level's band of net spend; a third of level 1 buys nothing. */
    private static List<BigDecimal> purchases(int level, Random random) {
        if (level == 1 && random.nextDouble() < 1 / 3.0) {
            return List.of();
        }
        int low = Math.max(THRESHOLDS[level - 1] * 100, 1000);
        int high = THRESHOLDS[level] * 100 - 1;
        long totalCents = low + (long) (random.nextDouble() * (high - low));
        int count = totalCents < 3000 ? 1 : 1 + random.nextInt(3);
        List<BigDecimal> amounts = new ArrayList<>();
        long left = totalCents;
        for (int i = count; i > 1; i--) {
            long share = Math.max(100, (long) (left / i * (0.5 + random.nextDouble())));
            share = Math.min(share, left - 100L * (i - 1));
            amounts.add(BigDecimal.valueOf(share, 2));
            left -= share;
        }
        amounts.add(BigDecimal.valueOf(left, 2));
        return amounts;
    }
}
