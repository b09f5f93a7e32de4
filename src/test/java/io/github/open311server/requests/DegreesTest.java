package io.github.open311server.requests;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fast rounding of coordinates gives exactly the digits of the decimal way, halves and odd values included. */
class DegreesTest {

    private static String decimalWay(double value) {
        return BigDecimal.valueOf(value)
                .setScale(7, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void same(double value) {
        assertEquals(decimalWay(value), RequestView.degrees(value).toPlainString(), "for " + value);
    }

    @Test
    void randomCoordinatesOfEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(311);
        for (int i = 0; i < 2_000_000; i++) {
            same(random.nextDouble(-180, 180));
            same(random.nextDouble(-1, 1) * Math.pow(10, -random.nextInt(9))); // near zero: -0.0000001 and below
        }
    }

    @Test
    void valuesTypedWithUpToTenDecimalsAndExactHalves() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 1_000_000; i++) {
            long units = random.nextLong(-1_800_000_000_000L, 1_800_000_000_000L); // ten decimals
            same(units / 1e10);
            same((units / 1000 * 10 + 5) / 1e8); // a 5 in the eighth decimal: a half at seven
            same(units / 1000 / 1e7); // seven decimals: unchanged
        }
    }

    @Test
    void edges() {
        for (double value : new double[] {
            0.0,
            -0.0,
            0.00000005,
            -0.00000005,
            0.00000004999,
            1e-300,
            180,
            -180,
            360,
            360.00000005,
            1e9,
            -1e15,
            39.78170005,
            -89.65010005,
            12.34567895,
            Double.MIN_VALUE,
            89.99999995,
            -179.99999995
        }) {
            same(value);
        }
    }
}
