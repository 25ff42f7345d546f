using Ballast.Core.Programs;

namespace Ballast.Tests.Programs;

public sealed class ProfileFilesTests : IDisposable
{
    private readonly TempFolders _temp = new();
    private readonly string _dir;
    private static readonly HashSet<string> Register = [ProgramWorld.Beijing1, ProgramWorld.Beijing2];

    public ProfileFilesTests() => _dir = _temp.New("profiles");

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void GoodFiles_AreRead_ProfilesAndFactoriesRecognisedByTheirColumns()
    {
        var p = Write("profiles.csv", $"credit_code,year,debt_ratio,own_brand,st_award_rank,carbon_target\n{ProgramWorld.Beijing1},2025,45.5,yes,,7\n");
        var f = Write("factories.csv", $"factory_id,credit_code,name,year,maturity_level,green_score\nF-1,{ProgramWorld.Beijing1},\"一号工厂, 东区\",2025,3,82.5\n");

        var r = ProfileFiles.Read([p, f], Register);

        Assert.True(r.Accepted, string.Join("\n", r.Errors));
        var profile = Assert.Single(r.Profiles);
        Assert.Equal(new Dictionary<string, string> { ["debt_ratio"] = "45.5", ["own_brand"] = "yes", ["carbon_target"] = "7" }, profile.Values); // empty = no value
        var factory = Assert.Single(r.Factories);
        Assert.Equal(("F-1", "一号工厂, 东区", "3"), (factory.FactoryId, factory.Name, factory.Values["maturity_level"]));
        // A column Ballast does not know is kept for user programs, with a warning so a misspelling is seen.
        var w = Assert.Single(r.Warnings);
        Assert.Equal(("profiles.csv", 1L, "carbon_target"), (w.File, w.Line, w.Column));
    }

    [Fact]
    public void BadValues_AreAllReported_WithFileLineColumnAndWhatIsWrong()
    {
        var p = Write("profiles.csv",
            "credit_code,year,debt_ratio,own_brand,rd_institution,main_business_share,ip_class1_count\n" +
            $"{ProgramWorld.Beijing1},2025,-1,true,national,80,2\n" +
            $"911100000000000000,2025,40,yes,regional,101,2.5\n" +
            $"{ProgramWorld.Beijing1},2025,40,yes,none,50,1\n");

        var r = ProfileFiles.Read([p], Register);

        Assert.False(r.Accepted);
        var text = r.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("profiles.csv line 2, column debt_ratio: \"-1\" is below 0 (debt-to-asset ratio at year end, %)", text);
        Assert.Contains("profiles.csv line 2, column own_brand: \"true\" is not yes or no (own brand)", text);
        Assert.Contains("profiles.csv line 3, column credit_code: \"911100000000000000\" is not in the register", text);
        Assert.Contains(text, t => t.StartsWith("profiles.csv line 3, column rd_institution: \"regional\" is not one of none, own, city, provincial, national", StringComparison.Ordinal));
        Assert.Contains("profiles.csv line 3, column main_business_share: \"101\" is above 100 (main-business revenue / operating revenue last year, %)", text);
        Assert.Contains("profiles.csv line 3, column ip_class1_count: \"2.5\" is not a whole number (Class I IP items in use)", text);
        Assert.Contains(text, t => t.StartsWith("profiles.csv line 4: " + ProgramWorld.Beijing1 + " has a second row for 2025", StringComparison.Ordinal));
        Assert.Empty(r.Profiles); // rows with errors are not kept (and the call stores nothing)
    }

    [Fact]
    public void MissingKeyColumn_AndDuplicatedColumn_AreHeaderErrors()
    {
        var p = Write("factories.csv", $"factory_id,credit_code,year,year\nF-1,{ProgramWorld.Beijing1},2025,2025\n");
        var text = ProfileFiles.Read([p], Register).Errors.Select(e => e.ToString()).ToList();
        Assert.Contains("factories.csv line 1, column year: column year appears twice", text);
        Assert.Contains("factories.csv line 1, column name: required column name is missing", text);
    }
}
