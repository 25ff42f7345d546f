using Ballast.Statistics.Periods;
using Ballast.Statistics.TimeSeries.Calendar;

namespace Ballast.Statistics.Tests.TimeSeries.Calendar;

public sealed class OutlierTests
{
    private static readonly YearMonth At = new(2008, 11);

    [Fact]
    public void AdditiveOutlier_OneOnlyInItsMonth()
    {
        var ao = new Outlier(OutlierKind.AO, At);
        Assert.Equal(0.0, ao.ValueAt(At.Previous));
        Assert.Equal(1.0, ao.ValueAt(At));
        Assert.Equal(0.0, ao.ValueAt(At.AddMonths(1)));
    }

    [Fact]
    public void LevelShift_X13Convention_MinusOneBefore()
    {
        var ls = new Outlier(OutlierKind.LS, At);
        Assert.Equal(-1.0, ls.ValueAt(At.AddMonths(-30)));
        Assert.Equal(-1.0, ls.ValueAt(At.Previous));
        Assert.Equal(0.0, ls.ValueAt(At));
        Assert.Equal(0.0, ls.ValueAt(At.AddMonths(40)));
    }

    [Fact]
    public void TemporaryChange_DecaysAtRate07()
    {
        var tc = new Outlier(OutlierKind.TC, At);
        Assert.Equal(0.0, tc.ValueAt(At.Previous));
        Assert.Equal(1.0, tc.ValueAt(At));
        Assert.Equal(0.7, tc.ValueAt(At.AddMonths(1)), 15);
        Assert.Equal(0.343, tc.ValueAt(At.AddMonths(3)), 15); // 0.7³
    }

    [Fact]
    public void Label_RoundTrips()
    {
        var o = Outlier.Parse("LS2008.Nov");
        Assert.Equal(new Outlier(OutlierKind.LS, At), o);
        Assert.Equal("LS2008.Nov", o.ToString());
        Assert.Equal(new Outlier(OutlierKind.TC, new YearMonth(2020, 4)), Outlier.Parse("tc2020.apr"));
        Assert.Equal(new Outlier(OutlierKind.AO, new YearMonth(1998, 12)), Outlier.Parse("AO1998.12"));
        Assert.Throws<FormatException>(() => Outlier.Parse("XX2008.Nov"));
        Assert.Throws<FormatException>(() => Outlier.Parse("AO2008-11"));
    }
}
