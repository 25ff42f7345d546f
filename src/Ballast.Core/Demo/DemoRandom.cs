namespace Ballast.Core.Demo;

/// <summary>
/// Counter-based random numbers: every draw is a SplitMix64 hash of (seed, enterprise, purpose, counter), so a
/// value never depends on how many draws came before it. That is what lets the generator regenerate any
/// enterprise's months on demand, in any order, and get the same bytes (System.Random's algorithm is unspecified).
/// </summary>
internal readonly struct DemoRandom(ulong seed, long unit)
{
    private readonly ulong _key = Mix(Mix(seed ^ 0x5EED_BA11A57UL) ^ (ulong)unit);

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Bits(Purpose purpose, long counter = 0) => Mix(Mix(_key ^ (ulong)purpose) ^ (ulong)counter);

    /// <summary>Uniform on [0, 1).</summary>
    public double Uniform(Purpose purpose, long counter = 0) => (Bits(purpose, counter) >> 11) * (1.0 / (1UL << 53));

    public double Uniform(Purpose purpose, double low, double high, long counter = 0) => low + (high - low) * Uniform(purpose, counter);

    /// <summary>Standard normal (Box–Muller on two independent hashes), cut at ±<paramref name="clip"/>.</summary>
    public double Normal(Purpose purpose, long counter = 0, double clip = 3.0)
    {
        ulong h = Bits(purpose, counter);
        double u1 = 1.0 - (h >> 11) * (1.0 / (1UL << 53)); // (0, 1]
        double u2 = (Mix(h) >> 11) * (1.0 / (1UL << 53));
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Clamp(z, -clip, clip);
    }

    /// <summary>An index drawn with the given cumulative weights (last element = total).</summary>
    public int Pick(ReadOnlySpan<double> cumulative, Purpose purpose, long counter = 0)
    {
        double x = Uniform(purpose, counter) * cumulative[^1];
        for (int i = 0; i < cumulative.Length; i++)
            if (x < cumulative[i]) return i;
        return cumulative.Length - 1;
    }
}

/// <summary>What a draw is for: separate streams keep a change in one attribute from shifting the others.</summary>
internal enum Purpose : ulong
{
    Division = 1, Class, Province, City, County, Ownership, Level, Productivity, Entry, Exit, CodeStyle, CodeChar, Moved,
    MovedRegion, Growth, Transient, ZeroMonth, SalesRatio, OtherRevenue, ExportShare, ExportNoise, Margin, MarginNoise,
    RdIntensity, RdNoise, RdZero, EnergyFactor, EnergyNoise, WaterFactor, WaterNoise, ReceivableMonths, OverdueShare,
    OverdueNoise, EmployeeTrend, EmployeeNoise, SalesNoise, ProductGrowth, ProductMaker, CapacityUse, CapacityReported,
    TierScore, TierScore2, ExportZero,
}
