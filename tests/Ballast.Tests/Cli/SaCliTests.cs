using System.Globalization;

namespace Ballast.Tests.Cli;

/// <summary>
/// <c>ballast sa</c> and <c>ballast forecast</c> in-process on the real series beside the repository
/// (../shared/data), with the models X-13ARIMA-SEATS chose imposed: the layout of the reference runs is written
/// and the numbers agree with X-13's; bad input is refused with its place.
/// </summary>
public sealed class SaCliTests : IDisposable
{
    private readonly TempFolders _temp = new();

    private static string Data(params string[] parts) =>
        Path.GetFullPath(Path.Combine([RepoPaths.Root(), "..", "shared", "data", .. parts]));

    private static string Reference(string run, string file) => Data("reference", "x13", run, file);

    private string TempDir() => _temp.New("sa");

    public void Dispose() => _temp.Dispose();

    private static string[][] Rows(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToArray();

    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    // X-13's model of cnprod.cement__auto_cny and ipi_c_eu.CZ__auto (reference summary.csv / regression.csv).
    private static readonly string[] CementModel =
        ["--holiday", "cny", "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none",
         "--outliers", "AO1998.Feb LS1999.Mar TC2004.Jan TC2005.Jan AO2007.Mar"];
    private static readonly string[] CzechModel =
        ["--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "td", "--easter", "8",
         "--outliers", "LS2008.Aug LS2008.Dec AO2014.Jul AO2015.Jul TC2020.Mar TC2020.Apr AO2020.Jul"];

    [Theory]
    [InlineData("china_production_rpkg_seasonal_2014.csv", "cnprod.cement", "cnprod.cement__auto_cny", 0)]
    [InlineData("eu_ipi_manufacturing_rjdemetra.csv", "ipi_c_eu.CZ", "ipi_c_eu.CZ__auto", 1)]
    public void Sa_ReferenceSeriesWithX13Model_WritesTheLayoutAndMatchesX13(string file, string id, string run, int model)
    {
        var dir = TempDir();
        string[] args = ["sa", "--input", Data("series", file), "--series", id, .. model == 0 ? CementModel : CzechModel, "--out", dir];
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);

        foreach (var name in new[] { "components.csv", "forecast.csv", "outliers.csv", "arima.csv", "regression.csv" })
            Assert.Equal(File.ReadLines(Reference(run, name)).First(), File.ReadLines(Path.Combine(dir, id, name)).First());

        // Components: every column (D10, D11, D12, D13, D16, D18, holiday) within 1e-5 relative of X-13's (the
        // optimisers' ARMA values differ by < 1e-4; see SeasonalAdjusterGoldenTests).
        var mine = Rows(Path.Combine(dir, id, "components.csv"));
        var theirs = Rows(Reference(run, "components.csv"));
        Assert.Equal(theirs.Length, mine.Length);
        for (int t = 1; t < theirs.Length; t++)
        {
            Assert.Equal(theirs[t][0], mine[t][0]);
            Assert.Equal(Num(theirs[t][1]), Num(mine[t][1]));
            for (int c = 2; c < 9; c++)
                Assert.True(Math.Abs(Num(mine[t][c]) / Num(theirs[t][c]) - 1) < 1e-5, $"{theirs[0][c]} {theirs[t][0]}: {mine[t][c]} vs {theirs[t][c]}");
        }
        var fMine = Rows(Path.Combine(dir, id, "forecast.csv"));
        var fTheirs = Rows(Reference(run, "forecast.csv"));
        Assert.Equal(fTheirs.Length, fMine.Length);
        for (int t = 1; t < fTheirs.Length; t++)
            for (int c = 1; c < 4; c++)
                Assert.True(Math.Abs(Num(fMine[t][c]) / Num(fTheirs[t][c]) - 1) < 1e-4, $"forecast {fTheirs[t][0]}");
        Assert.Equal(Rows(Reference(run, "outliers.csv")).Select(f => f[0]), Rows(Path.Combine(dir, id, "outliers.csv")).Select(f => f[0]));
        // regression.csv: the same variables; X-13 calls the outlier group "Automatically Identified Outliers".
        Assert.Equal(Rows(Reference(run, "regression.csv")).Select(f => f[1]), Rows(Path.Combine(dir, id, "regression.csv")).Select(f => f[1]));
        var aMine = Rows(Path.Combine(dir, id, "arima.csv"));
        var aTheirs = Rows(Reference(run, "arima.csv"));
        Assert.Equal(aTheirs.Select(f => string.Join(',', f[..4])), aMine.Select(f => string.Join(',', f[..4])));

        var summary = Rows(Path.Combine(dir, "summary.csv"));
        Assert.Equal("series_id,transform,model,td,easter,outliers,M7,Q,seconds,status,message", string.Join(',', summary[0]));
        var row = Assert.Single(summary.Skip(1));
        var reference = Rows(Data("reference", "x13", "summary.csv")).Single(f => f[0] == run);
        Assert.Equal(id, row[0]);
        Assert.Equal(reference[8], row[1]);  // transform
        Assert.Equal(reference[9], row[2]);  // model
        Assert.Equal(reference[18], row[5]); // outliers
        Assert.Equal(reference[20], row[6]); // M7, 3 decimals as X-13
        Assert.Equal(reference[21], row[7]); // Q, 2 decimals
        Assert.Equal("ok", row[9]);
    }

    [Fact]
    public void Sa_ManySeries_RowsInFileOrderAndResultsAsInSeparateCalls()
    {
        string[] model = ["--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none"];
        var input = Data("series", "china_production_rpkg_seasonal_2014.csv");
        var all = TempDir();
        var r = CliRunner.Run(["sa", "--input", input, .. model, "--out", all]);
        Assert.True(r.ExitCode == 0, r.Error);
        var ids = Rows(Path.Combine(all, "summary.csv")).Skip(1).Select(f => f[0]).ToArray();
        var inFile = File.ReadLines(input).Skip(1).Select(l => l.Split(',')[0]).Distinct().ToArray();
        Assert.Equal(inFile, ids);
        Assert.Equal(5, ids.Length);
        // Parallel runs are independent: the plastic series alone gives the same bytes.
        var one = TempDir();
        r = CliRunner.Run(["sa", "--input", input, "--series", "cnprod.plastic", .. model, "--out", one]);
        Assert.True(r.ExitCode == 0, r.Error);
        foreach (var name in new[] { "components.csv", "forecast.csv", "arima.csv", "regression.csv" })
            Assert.Equal(File.ReadAllText(Path.Combine(one, "cnprod.plastic", name)), File.ReadAllText(Path.Combine(all, "cnprod.plastic", name)));
    }

    [Fact]
    public void Sa_BadValueInSeriesFile_Exit1WithFileLineAndColumn()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "series.csv");
        File.WriteAllText(file, "series_id,period,value\na,2020-01,1.5\na,2020-02,\na,2020-03,1,5\n");
        var r = CliRunner.Run("sa", "--input", file, "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{file} line 4: 4 fields; expected 3", r.Error, StringComparison.Ordinal);

        File.WriteAllText(file, "series_id,period,value\na,2020-01,1.5\na,2020-02,1.2e\n");
        r = CliRunner.Run("sa", "--input", file, "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{file} line 3, column value: \"1.2e\" is not a number", r.Error, StringComparison.Ordinal);

        File.WriteAllText(file, "series_id,period,value\na,2020-01,1\na,2020-01,2\n");
        r = CliRunner.Run("forecast", "--input", file, "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", Path.Combine(dir, "f.csv"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{file} line 3, column period: 2020-01 of series a is already on line 2", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "f.csv")));
    }

    [Fact]
    public void Sa_ModelNotImposed_IsIdentifiedAutomatically_AsX13Did()
    {
        // cnprod.ore: X-13's automatic run (cnprod.ore__auto) chose Log(y), (0 1 1)(0 1 1), no trading day, AO1998.Dec.
        var dir = TempDir();
        var r = CliRunner.Run("sa", "--input", Data("series", "china_production_rpkg_seasonal_2014.csv"), "--series", "cnprod.ore", "--easter", "none", "--out", dir);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var summary = Rows(Path.Combine(dir, "summary.csv"));
        var header = summary[0];
        var row = summary[1];
        string Column(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal("cnprod.ore", Column("series_id"));
        Assert.Equal("Log(y)", Column("transform"));
        Assert.Equal("(0 1 1)(0 1 1)", Column("model"));
        Assert.Equal("AO1998.Dec", Column("outliers"));
    }

    [Fact]
    public void Sa_OrdersOfDifferencing_IdentifiedByDefault_AsX13Did_OrFixed()
    {
        // ipi_c_eu.MT: X-13's unit-root test first finds d = 0; its checks then settle on (2 1 1)(0 1 1). With the
        // orders of differencing fixed at (1 1) (--diff fixed) the search ends elsewhere.
        var input = Data("series", "eu_ipi_manufacturing_rjdemetra.csv");
        string[] imposed = ["--transform", "log", "--td", "td1coef", "--easter", "8", "--outliers", "none"];
        var auto = TempDir();
        var r = CliRunner.Run(["sa", "--input", input, "--series", "ipi_c_eu.MT", .. imposed, "--diff", "auto", "--out", auto]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var summary = Rows(Path.Combine(auto, "summary.csv"));
        Assert.Equal("(2 1 1)(0 1 1)", summary[1][Array.IndexOf(summary[0], "model")]);
        var x13 = Rows(Data("reference", "x13", "summary.csv")).Single(f => f[0] == "ipi_c_eu.MT__auto");
        Assert.Contains("(2 1 1)(0 1 1)", x13);

        var byDefault = TempDir();
        r = CliRunner.Run(["sa", "--input", input, "--series", "ipi_c_eu.MT", .. imposed, "--out", byDefault]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Equal(File.ReadAllText(Path.Combine(auto, "ipi_c_eu.MT", "arima.csv")), File.ReadAllText(Path.Combine(byDefault, "ipi_c_eu.MT", "arima.csv")));

        var fixedDiff = TempDir();
        r = CliRunner.Run(["sa", "--input", input, "--series", "ipi_c_eu.MT", .. imposed, "--diff", "fixed", "--out", fixedDiff]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        summary = Rows(Path.Combine(fixedDiff, "summary.csv"));
        Assert.NotEqual("(2 1 1)(0 1 1)", summary[1][Array.IndexOf(summary[0], "model")]);

        r = CliRunner.Run(["sa", "--input", input, "--series", "ipi_c_eu.MT", .. imposed, "--diff", "sometimes", "--out", TempDir()]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--diff \"sometimes\": use auto or fixed", r.Error, StringComparison.Ordinal);
        r = CliRunner.Run(["sa", "--input", input, "--series", "ipi_c_eu.MT", .. imposed, "--model", "(0 1 1)(0 1 1)", "--diff", "auto", "--out", TempDir()]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--diff auto: the orders are imposed by --model", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_JanuaryAndFebruaryNeverObserved_IdentifiedAndForecastAsSaFitsIt()
    {
        // cnprod.ore without its January and February rows (as when only the January–February total is
        // published): those months are missing in every year, which the default model's missing-value regressors
        // cannot carry once seasonally differenced. `forecast` identifies and fits the model as `sa` does.
        var dir = TempDir();
        var file = Path.Combine(dir, "series.csv");
        var lines = File.ReadLines(Data("series", "china_production_rpkg_seasonal_2014.csv"))
            .Where((l, i) => i == 0 || (l.StartsWith("cnprod.ore,", StringComparison.Ordinal) && !l.Contains("-01,", StringComparison.Ordinal) && !l.Contains("-02,", StringComparison.Ordinal)));
        File.WriteAllLines(file, lines);
        var outFile = Path.Combine(dir, "f.csv");
        var r = CliRunner.Run("forecast", "--input", file, "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var rows = Rows(outFile).Skip(1).ToArray();
        Assert.Equal(12, rows.Length);
        foreach (var f in rows)
        {
            double point = double.Parse(f[2], CultureInfo.InvariantCulture), lower = double.Parse(f[3], CultureInfo.InvariantCulture), upper = double.Parse(f[4], CultureInfo.InvariantCulture);
            Assert.True(lower < point && point < upper && lower > 0, string.Join(',', f));
        }

        var sa = Path.Combine(dir, "sa");
        r = CliRunner.Run("sa", "--input", file, "--out", sa);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Equal("ok", Rows(Path.Combine(sa, "summary.csv"))[1][9]);
    }

    [Fact]
    public void Sa_TwoYearSeries_TooShortInSummaryAndExit1()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "series.csv");
        // 24 months, then a 40-month series: the first is too short, the second is adjusted.
        var lines = new List<string> { "series_id,period,value" };
        for (int t = 0; t < 24; t++) lines.Add($"short,{2020 + t / 12}-{t % 12 + 1:D2},{100 + t % 12}");
        for (int t = 0; t < 40; t++) lines.Add(string.Create(CultureInfo.InvariantCulture, $"long,{2020 + t / 12}-{t % 12 + 1:D2},{100 + t % 12 + 0.37 * ((t * 7) % 5)}"));
        File.WriteAllLines(file, lines);
        var outDir = Path.Combine(dir, "out");
        var r = CliRunner.Run("sa", "--input", file, "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", outDir);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("short: too short: 24 months", r.Error, StringComparison.Ordinal);
        var summary = Rows(Path.Combine(outDir, "summary.csv"));
        Assert.Equal("too_short", summary[1][9]);
        Assert.Equal("ok", summary[2][9]);
        Assert.False(Directory.Exists(Path.Combine(outDir, "short")));
        Assert.Equal(41, File.ReadLines(Path.Combine(outDir, "long", "components.csv")).Count());
    }

    [Fact]
    public void Forecast_OreWithX13Model_MatchesX13Forecasts()
    {
        var dir = TempDir();
        var outFile = Path.Combine(dir, "forecasts.csv");
        var r = CliRunner.Run("forecast", "--input", Data("series", "china_production_rpkg_seasonal_2014.csv"), "--series", "cnprod.ore",
            "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "AO1998.Dec", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Error);
        var mine = Rows(outFile);
        Assert.Equal("series_id,period,forecast,lower95,upper95", string.Join(',', mine[0]));
        var theirs = Rows(Reference("cnprod.ore__auto", "forecast.csv"));
        Assert.Equal(13, mine.Length);
        for (int t = 1; t < 13; t++)
        {
            Assert.Equal("cnprod.ore", mine[t][0]);
            Assert.Equal(theirs[t][0], mine[t][1]);
            for (int c = 1; c < 4; c++)
                Assert.True(Math.Abs(Num(mine[t][c + 1]) / Num(theirs[t][c]) - 1) < 1e-4, $"{theirs[t][0]} column {c}");
        }
    }

    [Fact]
    public void Forecast_Horizon24_TwoSeriesWithWideningIntervals()
    {
        var dir = TempDir();
        var outFile = Path.Combine(dir, "forecasts.csv");
        var r = CliRunner.Run("forecast", "--input", Data("series", "china_production_rpkg_seasonal_2014.csv"), "--series", "cnprod.ore", "cnprod.oil",
            "--horizon", "24", "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", outFile);
        Assert.True(r.ExitCode == 0, r.Error);
        var rows = Rows(outFile).Skip(1).ToArray();
        Assert.Equal(48, rows.Length);
        // File order (ore before oil in the file), 2014-01 .. 2015-12 each.
        Assert.Equal(Enumerable.Repeat("cnprod.ore", 24).Concat(Enumerable.Repeat("cnprod.oil", 24)), rows.Select(f => f[0]));
        Assert.Equal("2014-01", rows[0][1]);
        Assert.Equal("2015-12", rows[23][1]);
        for (int i = 0; i < 48; i++)
        {
            Assert.True(Num(rows[i][3]) < Num(rows[i][2]) && Num(rows[i][2]) < Num(rows[i][4]), $"row {i}");
            // Log model: the interval is symmetric in logs, and wider a year later.
            Assert.Equal(Math.Log(Num(rows[i][2]) / Num(rows[i][3])), Math.Log(Num(rows[i][4]) / Num(rows[i][2])), 9);
            if (i % 24 >= 12)
                Assert.True(Num(rows[i][4]) / Num(rows[i][3]) > Num(rows[i - 12][4]) / Num(rows[i - 12][3]));
        }
    }

    [Fact]
    public void Sa_SeriesIdThatCannotNameAFolder_Exit1()
    {
        var dir = TempDir();
        var file = Path.Combine(dir, "series.csv");
        File.WriteAllLines(file, ["series_id,period,value", .. Enumerable.Range(0, 48).Select(t => $"a/b,{2020 + t / 12}-{t % 12 + 1:D2},{100 + t % 12}")]);
        var r = CliRunner.Run("sa", "--input", file, "--transform", "log", "--model", "(0 1 1)(0 1 1)", "--td", "none", "--easter", "none", "--outliers", "none", "--out", Path.Combine(dir, "out"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("series id \"a/b\" cannot name a folder", r.Error, StringComparison.Ordinal);
    }
}
