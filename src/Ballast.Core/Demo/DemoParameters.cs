namespace Ballast.Core.Demo;

/// <summary>
/// The documented parameters of the demo population (docs/methodology/demo-population.md says where each
/// number comes from). Tables keyed by two-digit division hold one entry per division 06–46.
/// </summary>
internal static class DemoParameters
{
    /// <summary>Last month of every demo data set.</summary>
    public const int LastYear = 2025;

    /// <summary>The year whose revenue level anchors every enterprise's path (the register's "last year").</summary>
    public const int AnchorYear = 2024;

    /// <summary>Full scale: about China's number of industrial enterprises above designated size.</summary>
    public const double FullScale = 520_000;

    /// <summary>Published targets for 2025 (published-figures.md), in percent.</summary>
    public const double TargetTotalDec = 5.9, TargetTotalNov = 6.0, TargetHighTech = 9.4, TargetEquipment = 9.2,
        TargetSme = 6.9, TargetLittleGiantRd = 7.0;

    /// <summary>
    /// Division: share of enterprises (%), share of revenue (%), value-added rate, festival sensitivity,
    /// labour-productivity factor, energy tce per 10k yuan of output, water m³ per 10k yuan, relative growth offset
    /// (percentage points), PPI drift a (% a year) and sensitivity b to the national PPI, VA-rate drift per year.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, DivisionParameters> Divisions = new Dictionary<string, DivisionParameters>(StringComparer.Ordinal)
    {
        // Mining.
        ["06"] = new(0.90, 2.60, 0.40, 0.5, 1.5, 0.35, 3, 0.0, 0.0, 3.0, -0.005),
        ["07"] = new(0.05, 0.90, 0.40, 0.2, 3.0, 0.25, 2, -1.0, 0.0, 3.0, 0.0),
        ["08"] = new(0.35, 0.35, 0.35, 0.5, 1.2, 0.50, 4, 0.0, 0.0, 2.0, 0.0),
        ["09"] = new(0.30, 0.40, 0.35, 0.5, 1.2, 0.40, 4, 1.0, 1.0, 1.8, 0.0),
        ["10"] = new(0.80, 0.35, 0.33, 0.6, 1.0, 0.40, 3, -2.0, 0.0, 1.2, 0.0),
        ["11"] = new(0.08, 0.25, 0.35, 0.5, 1.0, 0.15, 2, 0.0, 0.0, 1.0, 0.0),
        ["12"] = new(0.01, 0.01, 0.30, 0.5, 1.0, 0.30, 3, 0.0, 0.0, 1.0, 0.0),
        // Light manufacturing.
        ["13"] = new(5.20, 4.00, 0.21, 1.0, 1.2, 0.05, 5, -3.0, 0.3, 0.4, 0.0),
        ["14"] = new(2.00, 1.60, 0.29, 1.0, 1.0, 0.08, 6, -1.5, 0.3, 0.4, 0.0),
        ["15"] = new(1.30, 1.30, 0.34, 1.0, 1.2, 0.08, 8, -4.0, 0.3, 0.4, 0.0),
        ["16"] = new(0.02, 1.00, 0.40, 0.8, 3.0, 0.01, 2, -4.0, 0.5, 0.1, 0.0),
        ["17"] = new(3.90, 1.70, 0.22, 1.0, 0.7, 0.12, 8, -4.0, 0.3, 0.4, 0.0),
        ["18"] = new(2.60, 1.00, 0.25, 1.0, 0.6, 0.03, 2, -6.0, 0.3, 0.3, 0.0),
        ["19"] = new(1.70, 0.80, 0.25, 1.0, 0.6, 0.03, 2, -6.0, 0.3, 0.3, 0.0),
        ["20"] = new(2.00, 0.70, 0.24, 1.0, 0.8, 0.10, 2, -5.0, 0.3, 0.4, 0.0),
        ["21"] = new(1.50, 0.50, 0.25, 1.0, 0.7, 0.03, 2, -6.0, 0.3, 0.3, 0.0),
        ["22"] = new(1.50, 1.00, 0.25, 1.0, 1.2, 0.35, 30, -2.0, 0.3, 0.8, 0.0),
        ["23"] = new(1.30, 0.50, 0.28, 1.0, 0.8, 0.06, 2, -4.0, 0.3, 0.3, 0.0),
        ["24"] = new(1.90, 1.00, 0.24, 1.0, 0.7, 0.03, 2, -3.0, 0.3, 0.3, 0.0),
        // Raw materials.
        ["25"] = new(0.50, 4.00, 0.22, 0.3, 3.0, 0.60, 6, -3.0, 0.0, 3.0, -0.005),
        ["26"] = new(5.30, 6.20, 0.26, 0.6, 1.5, 0.55, 10, 1.5, 0.0, 1.8, 0.0),
        ["27"] = new(1.80, 1.90, 0.36, 0.8, 1.0, 0.06, 6, -4.0, 0.0, 0.1, 0.005),
        ["28"] = new(0.45, 0.80, 0.21, 0.6, 1.5, 0.25, 8, 1.0, 0.0, 1.8, 0.0),
        ["29"] = new(4.40, 2.00, 0.25, 1.0, 1.0, 0.08, 3, -1.0, 0.3, 0.5, 0.0),
        ["30"] = new(8.00, 4.30, 0.28, 1.0, 1.0, 0.90, 4, -6.0, 0.0, 1.2, -0.005),
        ["31"] = new(1.00, 6.00, 0.22, 0.4, 2.5, 0.70, 5, -1.0, 0.0, 2.0, -0.005),
        ["32"] = new(1.60, 5.20, 0.21, 0.4, 2.5, 0.45, 4, 0.5, 1.0, 1.8, 0.0),
        // Equipment (33–40).
        ["33"] = new(6.20, 2.80, 0.24, 1.0, 1.0, 0.05, 2, -1.0, 0.0, 1.0, 0.0),
        ["34"] = new(6.50, 3.20, 0.27, 1.0, 1.0, 0.03, 2, 2.0, 0.0, 0.5, 0.005),
        ["35"] = new(4.70, 2.70, 0.28, 1.0, 1.0, 0.03, 2, 1.0, 0.0, 0.5, 0.005),
        ["36"] = new(3.30, 7.20, 0.23, 1.0, 1.5, 0.02, 2, 4.0, -1.2, 0.2, 0.0),
        ["37"] = new(1.00, 1.20, 0.26, 1.0, 1.0, 0.03, 2, 5.0, 0.0, 0.5, 0.005),
        ["38"] = new(6.00, 8.20, 0.24, 1.0, 1.2, 0.03, 2, 2.0, -1.0, 0.6, 0.005),
        ["39"] = new(5.00, 11.0, 0.22, 1.0, 1.5, 0.02, 3, 4.0, -1.5, 0.2, 0.005),
        ["40"] = new(1.20, 0.70, 0.31, 1.0, 1.0, 0.02, 2, 2.0, 0.0, 0.5, 0.005),
        // Other manufacturing.
        ["41"] = new(0.40, 0.15, 0.25, 1.0, 0.8, 0.05, 2, -2.0, 0.3, 0.3, 0.0),
        ["42"] = new(0.50, 0.70, 0.22, 1.0, 1.2, 0.10, 3, 0.0, 0.0, 1.0, 0.0),
        ["43"] = new(0.30, 0.10, 0.28, 1.0, 1.0, 0.04, 2, -2.0, 0.0, 0.5, 0.0),
        // Utilities.
        ["44"] = new(2.30, 7.00, 0.33, 0.2, 3.0, 1.20, 20, -3.0, 0.5, 0.3, 0.0),
        ["45"] = new(0.60, 1.00, 0.28, 0.2, 2.0, 0.20, 2, -1.0, 0.5, 0.3, 0.0),
        ["46"] = new(0.60, 0.30, 0.38, 0.2, 1.0, 0.15, 50, -2.0, 0.5, 0.3, 0.0),
    };

    /// <summary>Share of enterprises by province (thousands of enterprises, order of magnitude of recent years).</summary>
    public static readonly IReadOnlyDictionary<string, double> ProvinceWeights = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["11"] = 3.0, ["12"] = 5.5, ["13"] = 18, ["14"] = 7, ["15"] = 4, ["21"] = 9, ["22"] = 3, ["23"] = 4,
        ["31"] = 9, ["32"] = 62, ["33"] = 57, ["34"] = 22, ["35"] = 21, ["36"] = 17, ["37"] = 37,
        ["41"] = 24, ["42"] = 19, ["43"] = 21, ["44"] = 71, ["45"] = 9, ["46"] = 0.6,
        ["50"] = 8, ["51"] = 17, ["52"] = 4.5, ["53"] = 5, ["54"] = 0.2, ["61"] = 8, ["62"] = 2.5, ["63"] = 0.7,
        ["64"] = 1.5, ["65"] = 4,
    };

    /// <summary>Provinces where mining (divisions 06–12) is concentrated: their weight is multiplied by 6 there.</summary>
    public static readonly IReadOnlySet<string> ResourceProvinces = new HashSet<string>(StringComparer.Ordinal)
        { "14", "15", "23", "52", "53", "61", "62", "64", "65" };

    /// <summary>Prefecture-level units per province used for region codes (municipalities: one).</summary>
    public static int CitiesOf(string province) => province switch
    {
        "11" or "12" or "31" or "50" => 1,
        "46" => 4,
        "54" => 7,
        "63" or "64" => 5,
        "44" or "37" => 17,
        "32" or "41" => 13,
        _ => 11,
    };

    /// <summary>National growth of industrial value added, % on the same month a year earlier (Jan and Feb
    /// published together). 2025 December is a placeholder: the calibration solves it.</summary>
    public static readonly IReadOnlyDictionary<int, double[]> NationalGrowth = new Dictionary<int, double[]>
    {
        [2016] = Flat(6.0),
        [2017] = Flat(6.6),
        [2018] = Flat(6.2),
        [2019] = Flat(5.7),
        [2020] = [-4.0, -22.0, -1.1, 3.9, 4.4, 4.8, 4.8, 5.6, 6.9, 6.9, 7.0, 7.3],
        [2021] = [14.0, 55.0, 14.1, 9.8, 8.8, 8.3, 6.4, 5.3, 3.1, 3.5, 3.8, 4.3],
        [2022] = [7.5, 7.5, 5.0, -2.9, 0.7, 3.9, 3.8, 4.2, 6.3, 5.0, 2.2, 1.3],
        [2023] = [2.4, 2.4, 3.9, 5.6, 3.5, 4.4, 3.7, 4.5, 4.5, 4.6, 6.6, 6.8],
        [2024] = [7.0, 7.0, 4.5, 6.7, 5.6, 5.3, 5.1, 4.5, 5.4, 5.3, 5.4, 6.2],
        [2025] = [5.9, 5.9, 7.7, 6.1, 5.8, 6.8, 5.7, 5.2, 6.5, 4.9, 4.8, 4.8],
    };

    /// <summary>National PPI, % change on a year earlier, by year.</summary>
    public static readonly IReadOnlyDictionary<int, double> NationalPpi = new Dictionary<int, double>
    {
        [2015] = -5.2, [2016] = -1.4, [2017] = 6.3, [2018] = 3.5, [2019] = -0.3, [2020] = -1.8,
        [2021] = 8.1, [2022] = 4.1, [2023] = -3.0, [2024] = -2.2, [2025] = -2.6,
    };

    /// <summary>Growth offsets (pp) of high-tech, equipment and SMEs in the years that are not calibrated, and the
    /// constant that keeps the national figure near the national profile.</summary>
    public const double PriorHighTech = 3.0, PriorEquipment = 1.5, PriorSme = 0.8, PriorCentring = 1.0;

    /// <summary>Relative daily production by calendar month, before holidays.</summary>
    public static readonly double[] DailyProfile = [0.97, 1.00, 0.99, 0.99, 1.00, 1.04, 0.97, 0.98, 1.04, 0.96, 1.02, 1.08];

    /// <summary>Spring Festival: production falls by this fraction (0.40) on the days from 4 days before to 10 days after
    /// the lunar new year.</summary>
    public const double FestivalLoss = 0.40;
    public const int FestivalDaysBefore = 4, FestivalDaysAfter = 10;

    /// <summary>Entry and exit: entrants per year as a share of the register, exit probability per year.</summary>
    public const double EntryRate = 0.08, ExitRate = 0.035;

    /// <summary>Energy and water per unit of output fall by these factors each year.</summary>
    public const double EnergyIntensityTrend = 0.965, WaterIntensityTrend = 0.975;

    /// <summary>Revenue level: 2000 + division scale × lognormal(median 5000, σ 1.7), 10k yuan.</summary>
    public const double RevenueFloor = 2000, RevenueMedian = 5000, RevenueSigma = 1.7;

    /// <summary>Tier holders at full scale (published-figures.md where published, assumptions otherwise).</summary>
    public static readonly IReadOnlyList<(string Tier, double FullScale)> TierQuotas =
    [
        ("SMART_LEADING", 15), ("SMART_EXCELLENT", 500), ("SMART_ADVANCED", 8_200), ("SMART_BASIC", 35_000),
        ("LITTLE_GIANT", 17_600), ("SRI_SME", 90_000), ("INNOVATIVE_SME", 60_000), ("TECH_SME", 110_000),
        ("SINGLE_CHAMPION", 1_500), ("GREEN_FACTORY", 8_500),
    ];

    /// <summary>Ownership mix: probabilities (SOE, SHAREHOLDING, FOREIGN, PRIVATE, COLLECTIVE, OTHER) and relative size.</summary>
    public static readonly string[] OwnershipCodes = ["SOE", "SHAREHOLDING", "FOREIGN", "PRIVATE", "COLLECTIVE", "OTHER"];
    public static readonly double[] OwnershipSize = [3.0, 1.5, 1.8, 0.8, 0.7, 0.8];
    public static double[] OwnershipMix(string division) => division switch
    {
        "07" or "16" => [0.90, 0.08, 0.02, 0.0, 0.0, 0.0],
        "06" or "44" or "45" or "46" => [0.40, 0.25, 0.05, 0.25, 0.02, 0.03],
        "08" or "09" or "25" or "31" => [0.18, 0.20, 0.05, 0.53, 0.01, 0.03],
        "36" or "39" or "37" => [0.06, 0.15, 0.17, 0.60, 0.005, 0.015],
        _ => [0.03, 0.11, 0.08, 0.755, 0.005, 0.02],
    };

    /// <summary>Products: value of one unit of the product in 10k yuan, 2025 growth (%; IC is calibrated to the
    /// published +26.7), and the industry classes that make it with the share of their output it represents.</summary>
    public static readonly IReadOnlyList<ProductParameters> Products =
    [
        new("COAL", 800, 1.2, [("0610", 0.9), ("0620", 0.9)]),
        new("CRUDE_OIL_PROCESSED", 5500, 4.1, [("2511", 0.95)]),
        new("ETHYLENE", 7000, 6.0, [("2614", 0.3)]),
        new("CEMENT", 350, -6.9, [("3011", 0.9)]),
        new("FLAT_GLASS", 80, -4.0, [("3041", 0.85)]),
        new("CRUDE_STEEL", 3500, -4.4, [("3120", 0.45)]),
        new("STEEL_PRODUCTS", 4000, 3.1, [("3120", 0.5), ("3130", 0.9)]),
        new("NONFERROUS_TEN", 20000, 2.9, [("3211", 0.85), ("3212", 0.85), ("3216", 0.85)]),
        new("ELEC_ALUMINIUM", 19000, 2.0, [("3216", 0.8)]),
        new("IND_ROBOTS", 15, 28.0, [("3491", 0.8)]),
        new("AUTOMOBILES", 150000, 10.0, [("3611", 0.9), ("3612", 0.9)]),
        new("NEV", 160000, 25.0, [("3612", 0.9)]),
        new("SOLAR_CELLS", 3000, 10.0, [("3825", 0.6)]),
        new("LI_BATTERIES", 0.5, 30.0, [("3841", 0.9)]),
        new("IC", 26000, 26.7, [("3973", 0.9)]),
        new("MOBILE_PHONES", 1500, -2.0, [("3922", 0.7)]),
        new("ELECTRICITY", 4000, 2.2, [("4411", 0.9), ("4412", 0.9), ("4413", 0.95), ("4414", 0.95), ("4415", 0.95), ("4416", 0.95), ("4417", 0.9)]),
    ];

    /// <summary>
    /// Industry classes (GB/T 4754-2017) used per division, with relative weights (default 1). The high-tech
    /// prefixes of hightech.csv are hit through these classes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Classes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["06"] = "0610*8 0620 0690",
        ["07"] = "0711*2 0721",
        ["08"] = "0810*4 0820 0890",
        ["09"] = "0911*2 0912*2 0916 0921*2 0931 0932",
        ["10"] = "1011*3 1012 1019*3 1020 1030 1092",
        ["11"] = "1110 1120*2 1190",
        ["12"] = "1200",
        ["13"] = "1311 1312 1329*3 1331 1340 1351 1352 1353*2 1361 1371 1391",
        ["14"] = "1411 1419 1421 1431 1432 1441 1442 1461 1462 1491 1495",
        ["15"] = "1512*2 1513 1515 1521 1522 1523 1524 1530",
        ["16"] = "1610 1620*3",
        ["17"] = "1711*2 1712*2 1713 1751*2 1761 1771 1781",
        ["18"] = "1811 1819*2 1821 1829 1830",
        ["19"] = "1910 1922 1941 1952*2 1953",
        ["20"] = "2011 2021*2 2022 2039 2041",
        ["21"] = "2110*3 2120 2130 2140 2190",
        ["22"] = "2211 2221*2 2223 2231*2 2239",
        ["23"] = "2311 2312 2319*3 2330",
        ["24"] = "2411 2431*2 2442 2452 2459",
        ["25"] = "2511*3 2521*2 2524",
        ["26"] = "2611 2612 2613 2614*2 2619 2621 2624 2631 2641*2 2642 2651*2 2652 2661*2 2662 2664 2665 2669*2 2681 2682",
        ["27"] = "2710*2 2720*2 2730 2740*2 2750 2761 2770 2780",
        ["28"] = "2811 2821 2822*3 2829",
        ["29"] = "2911 2913 2921*2 2922*2 2924 2926 2927 2929*3",
        ["30"] = "3011*3 3021*3 3022 3031*2 3041 3042 3061 3071 3072 3091 3099",
        ["31"] = "3110 3120*2 3130*4 3140",
        ["32"] = "3211 3212 3216 3221 3240 3251*2 3252*3",
        ["33"] = "3311*3 3312 3321 3331 3340 3351 3360*2 3381 3399*2",
        ["34"] = "3411 3412 3415 3421 3422 3431 3435 3441 3442 3443 3451 3474 3475 3481 3482 3484*3 3489*2 3491 3492 3493",
        ["35"] = "3511 3513 3521 3531 3544 3551 3561 3562 3563 3569 3571 3581 3589 3591*2",
        ["36"] = "3611 3612 3620 3630 3660 3670*8",
        ["37"] = "3711 3714 3720 3731*2 3741 3742 3751 3752 3761",
        ["38"] = "3811 3812 3821 3823*2 3824 3825 3831*2 3832 3833 3841 3849 3851 3852 3854 3857 3872*2 3891",
        ["39"] = "3911 3912 3913 3914 3921 3922*2 3931 3940 3951 3952 3961 3962 3963 3969 3971 3972 3973*2 3974 3975 3976 3979 3981*2 3982*2 3983 3984 3985 3989 3990",
        ["40"] = "4011*2 4012 4014 4021 4028 4030 4040 4050 4090",
        ["41"] = "4111 4190*3",
        ["42"] = "4210*2 4220",
        ["43"] = "4310 4320 4330 4341 4342 4343 4350 4360 4390",
        ["44"] = "4411*4 4412*3 4413*2 4414 4415*2 4416*2 4417 4419 4420*2 4430*2",
        ["45"] = "4511*3 4512 4520",
        ["46"] = "4610*3 4620*2 4690",
    };

    private static double[] Flat(double v) => [v, v, v, v, v, v, v, v, v, v, v, v];
}

internal sealed record DivisionParameters(
    double EnterpriseShare, double RevenueShare, double VaRate, double FestivalSensitivity, double Productivity,
    double EnergyPerOutput, double WaterPerOutput, double GrowthOffset, double PpiDrift, double PpiSensitivity,
    double VaRateDrift);

internal sealed record ProductParameters(string Code, double UnitValue, double Growth2025, IReadOnlyList<(string Class, double Share)> Makers);
