using Ballast.Core.Register;

namespace Ballast.Tests.Register;

public class CreditCodeTests
{
    // Worked by hand with the weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 (3^i mod 31):
    // "91350100M000100Y4": values 9,1,3,5,0,1,0,0,21(M),0,0,0,1,0,0,30(Y),4
    // Σ = 9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + 21·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + 30·30 + 4·28
    //   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28 (31·52 = 1612); 31 − 28 = 3 → '3'.
    [Fact]
    public void CheckCharacter_HandWorkedCode()
    {
        Assert.Equal('3', CreditCode.CheckCharacter("91350100M000100Y4"));
        Assert.Null(CreditCode.Problem("91350100M000100Y43"));
    }

    // All zeros: Σ = 0, 31 − 0 = 31 → 0.
    [Fact]
    public void CheckCharacter_ThirtyOneBecomesZero() => Assert.Equal('0', CreditCode.CheckCharacter("00000000000000000"));

    // "10000000000000000": Σ = 1·1 = 1 → 31 − 1 = 30 → 'Y' (index 30 of the alphabet).
    [Fact]
    public void CheckCharacter_ThirtyIsY() => Assert.Equal('Y', CreditCode.CheckCharacter("10000000000000000"));

    [Theory]
    [InlineData("91350100M000100Y4", "18")]
    [InlineData("91350100M000100Y44", "check character")]
    [InlineData("91350100m000100Y43", "lower-case")]
    [InlineData("91350100O000100Y43", "not in the credit-code alphabet")]
    [InlineData("91350100M000100Y430", "19 characters")]
    public void Problem_NamesTheDefect(string code, string fragment)
    {
        var problem = CreditCode.Problem(code);
        Assert.NotNull(problem);
        Assert.Contains(fragment, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Alphabet_ExcludesConfusableLetters()
    {
        Assert.Equal(31, CreditCode.Alphabet.Length);
        foreach (char c in "IOSVZ") Assert.Equal(-1, CreditCode.ValueOf(c));
        for (int i = 0; i < 31; i++) Assert.Equal(i, CreditCode.ValueOf(CreditCode.Alphabet[i]));
    }
}
