using System.Globalization;
using System.Text;
using Ballast.Core.Classifications;
using Ballast.Core.Register;

namespace Ballast.Core.Demo;

/// <summary>
/// Generates the synthetic national population of industrial enterprises above designated size, calibrated to
/// the published 2025 figures (spec: published-figures.md; method: docs/methodology/demo-population.md).
/// </summary>
public static class DemoPopulation
{
    public static DemoData Generate(DemoOptions options, Classification classification)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(classification);
        options.Validate();
        var model = new DemoModel(options, classification);
        var units = BuildUnits(model);
        AssignTiers(model, units);
        AssignRd(units);
        if (options.PlantProblems) model.Planting = DemoPlanting.Choose(model, units);
        model.Units = units;
        model.Order = Enumerable.Range(0, units.Length).OrderBy(i => units[i].CreditCode, StringComparer.Ordinal).ToArray();
        var tierOrder = classification.Tiers.Select((t, i) => (t.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        model.Enterprises = model.Order.Select(i =>
        {
            var u = units[i];
            var tiers = u.Tiers.OrderBy(t => tierOrder[t]).ToArray();
            return new Enterprise(u.CreditCode, u.Name, u.RegionCode, u.IndustryCode, u.Ownership, u.Employees, u.Revenue2024, tiers);
        }).ToArray();
        model.Calibrate();
        return new DemoData(model);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = new List<double>();
        double s = 0;
        foreach (var w in weights) { s += w; list.Add(s); }
        return [.. list];
    }

    private static DemoUnit[] BuildUnits(DemoModel model)
    {
        var cls = model.Classification;
        var options = model.Options;
        ulong seed = (ulong)(uint)options.Seed;
        int nd = cls.Divisions.Count;
        var divParams = Enumerable.Range(0, nd).Select(model.DivisionParameters).ToArray();
        double[] divCum = Cumulative(divParams.Select(p => p.EnterpriseShare));
        double entTotal = divParams.Sum(p => p.EnterpriseShare), revTotal = divParams.Sum(p => p.RevenueShare);

        // Division scale: mean revenue per enterprise ∝ revenue share / enterprise share (both documented tables).
        double meanLognormal = DemoParameters.RevenueMedian * Math.Exp(DemoParameters.RevenueSigma * DemoParameters.RevenueSigma / 2);
        double meanAll = DemoParameters.RevenueFloor + meanLognormal;
        var scale = new double[nd];
        var ownershipCum = new double[nd][];
        var ownershipMean = new double[nd];
        for (int d = 0; d < nd; d++)
        {
            double ratio = divParams[d].RevenueShare / revTotal / (divParams[d].EnterpriseShare / entTotal);
            scale[d] = Math.Max(0.05, (meanAll * ratio - DemoParameters.RevenueFloor) / meanLognormal);
            var mix = DemoParameters.OwnershipMix(cls.Divisions[d].Code);
            ownershipCum[d] = Cumulative(mix);
            ownershipMean[d] = mix.Select((p, i) => p * DemoParameters.OwnershipSize[i]).Sum() / mix.Sum();
        }

        var classes = new (string[] Codes, double[] Cum)[nd];
        for (int d = 0; d < nd; d++)
        {
            var parts = DemoParameters.Classes[cls.Divisions[d].Code].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var codes = new string[parts.Length];
            var weights = new double[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                int star = parts[i].IndexOf('*', StringComparison.Ordinal);
                codes[i] = star < 0 ? parts[i] : parts[i][..star];
                weights[i] = star < 0 ? 1 : double.Parse(parts[i][(star + 1)..], CultureInfo.InvariantCulture);
            }
            classes[d] = (codes, Cumulative(weights));
        }

        var provinces = cls.Provinces.Select(p => p.Code).ToArray();
        double[] provCum = Cumulative(provinces.Select(p => DemoParameters.ProvinceWeights[p]));
        double[] provCumMining = Cumulative(provinces.Select(p =>
            DemoParameters.ProvinceWeights[p] * (DemoParameters.ResourceProvinces.Contains(p) ? 6 : 1)));

        int firstYear = model.First.Year;
        int years = DemoParameters.LastYear - firstYear + 1;
        var entryCum = Cumulative(Enumerable.Range(0, years).Select(i => i == 0 ? 1.0 : DemoParameters.EntryRate));

        var products = DemoParameters.Products;
        var usedCodes = new HashSet<string>(StringComparer.Ordinal);
        var units = new DemoUnit[options.Enterprises];
        for (int i = 0; i < units.Length; i++)
        {
            var rng = new DemoRandom(seed, i);
            int d = rng.Pick(divCum, Purpose.Division);
            string division = cls.Divisions[d].Code;
            var (classCodes, classCum) = classes[d];
            string industry = classCodes[rng.Pick(classCum, Purpose.Class)];
            bool mining = division[0] == '0' || division is "10" or "11" or "12";
            string province = provinces[rng.Pick(mining ? provCumMining : provCum, Purpose.Province)];
            string region = RegionCode(province, rng, Purpose.City, Purpose.County);
            int o = rng.Pick(ownershipCum[d], Purpose.Ownership);
            string ownership = DemoParameters.OwnershipCodes[o];

            double x = DemoParameters.RevenueMedian * Math.Exp(DemoParameters.RevenueSigma * rng.Normal(Purpose.Level, 0, 4.0));
            double revenue = Math.Round(DemoParameters.RevenueFloor + scale[d] * DemoParameters.OwnershipSize[o] / ownershipMean[d] * x, 2);
            double productivity = 60 * Math.Pow(revenue / 5000, 0.25) * divParams[d].Productivity * Math.Exp(0.35 * rng.Normal(Purpose.Productivity));
            int employees = (int)Math.Max(1, Math.Round(revenue / productivity));
            var size = cls.SizeOf(employees, revenue);

            int first = firstYear + rng.Pick(entryCum, Purpose.Entry);
            int last = DemoParameters.LastYear;
            for (int y = first; y < DemoParameters.LastYear; y++)
                if (rng.Uniform(Purpose.Exit, y) < DemoParameters.ExitRate) { last = y; break; }

            double salesRatio = rng.Uniform(Purpose.SalesRatio, 0.94, 1.0);
            double other = rng.Uniform(Purpose.OtherRevenue, 0.0, 0.06);
            double exportShare;
            if (ownership == "FOREIGN") exportShare = rng.Uniform(Purpose.ExportShare, 0.15, 0.8);
            else if (rng.Uniform(Purpose.ExportZero) < (mining || division[0] == '4' && division != "40" && division != "41" && division != "42" && division != "43" ? 0.95 : 0.45)) exportShare = 0;
            else exportShare = rng.Uniform(Purpose.ExportShare, 0.0, division is "39" or "18" or "19" or "24" ? 0.6 : 0.35);

            double output = revenue / (salesRatio * (1 + other));
            var made = new List<UnitProduct>();
            for (int p = 0; p < products.Count; p++)
            {
                foreach (var (klass, share) in products[p].Makers)
                {
                    if (!string.Equals(klass, industry, StringComparison.Ordinal)) continue;
                    if (products[p].Code == "ETHYLENE" && size is SizeClass.Small or SizeClass.Micro) continue;
                    made.Add(new UnitProduct(p, products[p].Code, output * share / products[p].UnitValue,
                        rng.Uniform(Purpose.CapacityUse, 0.74, 0.96, p), rng.Uniform(Purpose.CapacityReported, p) < 0.9));
                }
            }
            made.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));

            var unit = new DemoUnit
            {
                Index = i,
                Random = rng,
                Division = d,
                DivisionCode = division,
                IndustryCode = industry,
                RegionCode = region,
                Ownership = ownership,
                Revenue2024 = revenue,
                Output2024 = output,
                Employees = employees,
                Size = size,
                HighTech = cls.IsHighTech(industry),
                Equipment = cls.DivisionByCode[division].IsEquipment,
                Manufacturing = cls.DivisionByCode[division].Section == 'C',
                FirstYear = first,
                LastYear = last,
                GrowthSigma = size switch { SizeClass.Large => 0.035, SizeClass.Medium => 0.06, _ => 0.10 },
                TransientSigma = size switch { SizeClass.Large => 0.015, SizeClass.Medium => 0.025, _ => 0.04 },
                ZeroMonthChance = size is SizeClass.Small or SizeClass.Micro ? 0.0015 : 0,
                SalesRatio = salesRatio,
                OtherRevenue = other,
                ExportShare = exportShare,
                Margin = 0.055 + 0.04 * rng.Normal(Purpose.Margin),
                EnergyFactor = Math.Exp(0.3 * rng.Normal(Purpose.EnergyFactor)),
                WaterFactor = Math.Exp(0.3 * rng.Normal(Purpose.WaterFactor)),
                ReceivableMonths = rng.Uniform(Purpose.ReceivableMonths, 1.2, 3.0),
                OverdueShare = size == SizeClass.Large ? rng.Uniform(Purpose.OverdueShare, 0.02, 0.12) : rng.Uniform(Purpose.OverdueShare, 0.05, 0.3),
                EmployeeTrend = -0.01 + 0.02 * rng.Normal(Purpose.EmployeeTrend),
                Products = [.. made],
            };
            unit.CreditCode = NewCreditCode(unit, province, rng, usedCodes);
            unit.Name = string.Create(CultureInfo.InvariantCulture, $"{cls.ProvinceByCode[province].NameZh}演示工业企业{i + 1:D7}有限公司");
            units[i] = unit;
        }
        return units;
    }

    /// <summary>A real-looking GB/T 2260 county code: province, prefecture (01–n), county (01–16 in
    /// municipalities, 02–12 elsewhere, 01 being the prefecture's urban total).</summary>
    private static string RegionCode(string province, DemoRandom rng, Purpose cityPurpose, Purpose countyPurpose)
    {
        int cities = DemoParameters.CitiesOf(province);
        int city = 1 + (int)(rng.Uniform(cityPurpose) * cities);
        int county = cities == 1 ? 1 + (int)(rng.Uniform(countyPurpose) * 16) : 2 + (int)(rng.Uniform(countyPurpose) * 11);
        return string.Create(CultureInfo.InvariantCulture, $"{province}{city:D2}{county:D2}");
    }

    /// <summary>
    /// "91" (market regulation, enterprise) + registering region + GB 11714 organisation code (8 characters and
    /// its own check character; post-2015 registrations start with "MA") + the GB 32100 check character. About
    /// 0.8 % of enterprises moved: their code carries another region.
    /// </summary>
    private static string NewCreditCode(DemoUnit unit, string province, DemoRandom rng, HashSet<string> used)
    {
        string region = unit.RegionCode;
        if (rng.Uniform(Purpose.Moved) < 0.008)
        {
            string other = RegionCode(province, rng, Purpose.MovedRegion, Purpose.MovedRegion + 100);
            region = other != region ? other : province + "0199";
        }
        bool modern = unit.FirstYear >= 2016 || rng.Uniform(Purpose.CodeStyle) < 0.35;
        for (long attempt = 0; ; attempt++)
        {
            var sb = new StringBuilder(18);
            sb.Append("91").Append(region);
            int start = 0;
            if (modern) { sb.Append("MA"); start = 2; }
            for (int c = start; c < 8; c++)
            {
                double u = rng.Uniform(Purpose.CodeChar, attempt * 16 + c);
                // Old codes are digits; new ones mix in letters of the credit-code alphabet.
                sb.Append(modern ? CreditCode.Alphabet[(int)(u * CreditCode.Alphabet.Length)] : (char)('0' + (int)(u * 10)));
            }
            sb.Append(OrganisationCheck(sb.ToString(8, 8)));
            string code = CreditCode.Complete(sb.ToString());
            if (used.Add(code)) return code;
        }
    }

    /// <summary>GB 11714 check character: weights 3,7,9,10,5,8,4,2; 11 − (Σ mod 11); 10 → X, 11 → 0.</summary>
    internal static char OrganisationCheck(ReadOnlySpan<char> eight)
    {
        ReadOnlySpan<int> weights = [3, 7, 9, 10, 5, 8, 4, 2];
        int sum = 0;
        for (int i = 0; i < 8; i++)
        {
            char c = eight[i];
            int v = c is >= '0' and <= '9' ? c - '0' : c - 'A' + 10;
            sum += v * weights[i];
        }
        int check = 11 - sum % 11;
        return check switch { 10 => 'X', 11 => '0', _ => (char)('0' + check) };
    }

    /// <summary>
    /// Tier holders: a quota per tier (full-scale count × N / 520,000) among enterprises still active in 2025,
    /// chosen by a plausibility score (size, high-tech, equipment) plus a random term. Levels of one program are
    /// held by different enterprises, so holders = factories for the intelligent-factory levels.
    /// </summary>
    private static void AssignTiers(DemoModel model, DemoUnit[] units)
    {
        double factor = model.Options.Enterprises / DemoParameters.FullScale;
        var smart = new bool[units.Length];
        var quality = new bool[units.Length];
        foreach (var (tier, full) in DemoParameters.TierQuotas)
        {
            int quota = (int)Math.Round(full * factor, MidpointRounding.AwayFromZero);
            if (quota == 0) continue;
            var candidates = new List<(double Score, int Index)>();
            foreach (var u in units)
            {
                if (u.LastYear != DemoParameters.LastYear) continue;
                double r2 = u.Random.Uniform(Purpose.TierScore, StableHash(tier));
                double lg = Math.Log10(u.Revenue2024);
                double? score = tier switch
                {
                    "SMART_LEADING" or "SMART_EXCELLENT" when u.Manufacturing && u.Size == SizeClass.Large && !smart[u.Index] => lg + 0.5 * r2,
                    "SMART_ADVANCED" when u.Manufacturing && u.Size is SizeClass.Large or SizeClass.Medium && !smart[u.Index] => lg + r2,
                    "SMART_BASIC" when u.Manufacturing && u.Size != SizeClass.Micro && !smart[u.Index] => 0.5 * lg + r2,
                    "LITTLE_GIANT" when u.Manufacturing && u.Size is SizeClass.Medium or SizeClass.Small && u.Revenue2024 >= 5000 =>
                        r2 + (u.HighTech ? 1.0 : 0) + (u.Equipment ? 0.6 : 0) + 0.3 * Math.Log10(u.Revenue2024 / 5000),
                    "SRI_SME" when u.Manufacturing && u.Sme && !quality[u.Index] && u.Revenue2024 >= 3000 =>
                        r2 + (u.HighTech ? 0.6 : 0) + (u.Equipment ? 0.4 : 0),
                    "INNOVATIVE_SME" when u.Sme && !quality[u.Index] => r2 + (u.HighTech ? 0.3 : 0),
                    "TECH_SME" when u.Sme => r2 + (u.HighTech ? 0.5 : 0) + (u.Equipment ? 0.3 : 0),
                    "SINGLE_CHAMPION" when u.Manufacturing && u.Size is SizeClass.Large or SizeClass.Medium => 0.5 * lg + r2 + (u.Equipment ? 0.5 : 0),
                    "GREEN_FACTORY" when (u.Manufacturing || u.DivisionCode[0] == '4') && u.Size != SizeClass.Micro => 0.4 * lg + r2,
                    _ => null,
                };
                if (score is double s) candidates.Add((s, u.Index));
            }
            candidates.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
            foreach (var (_, index) in candidates.Take(quota))
            {
                var u = units[index];
                u.Tiers.Add(tier);
                if (tier.StartsWith("SMART_", StringComparison.Ordinal)) smart[index] = true;
                if (tier is "LITTLE_GIANT" or "SRI_SME" or "INNOVATIVE_SME") quality[index] = true;
                if (tier == "LITTLE_GIANT") u.LittleGiant = true;
            }
        }
    }

    private static long StableHash(string text)
    {
        ulong h = 1469598103934665603UL;
        foreach (char c in text) h = (h ^ c) * 1099511628211UL;
        return (long)(h & 0x7FFF_FFFF);
    }

    /// <summary>R&amp;D intensity: little giants about 7 % (rescaled exactly in calibration), SRI SMEs 3–6 %,
    /// innovative SMEs 2–5 %, others lognormal around 2.5 % (high-tech), 1.5 % (equipment), 0.7 % (other
    /// manufacturing), 0.3 % (mining, utilities); a quarter of small firms without a tier report none.</summary>
    private static void AssignRd(DemoUnit[] units)
    {
        foreach (var u in units)
        {
            var rng = u.Random;
            double rd;
            if (u.LittleGiant) rd = 0.07 * Math.Exp(0.25 * rng.Normal(Purpose.RdIntensity));
            else if (u.Tiers.Contains("SRI_SME")) rd = rng.Uniform(Purpose.RdIntensity, 0.03, 0.06);
            else if (u.Tiers.Contains("INNOVATIVE_SME")) rd = rng.Uniform(Purpose.RdIntensity, 0.02, 0.05);
            else
            {
                double median = u.HighTech ? 0.025 : u.Equipment ? 0.015 : u.Manufacturing ? 0.007 : 0.003;
                rd = median * Math.Exp(0.6 * rng.Normal(Purpose.RdIntensity));
                if (u.Size is SizeClass.Small or SizeClass.Micro && u.Tiers.Count == 0 && rng.Uniform(Purpose.RdZero) < 0.25) rd = 0;
            }
            if (u.Tiers.Contains("TECH_SME")) rd = Math.Max(rd, rng.Uniform(Purpose.RdZero, 0.02, 0.05));
            u.RdIntensity = rd;
        }
    }
}
