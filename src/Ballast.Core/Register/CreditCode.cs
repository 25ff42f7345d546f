namespace Ballast.Core.Register;

/// <summary>
/// The Unified Social Credit Code (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V,
/// Z), the last a check character. Positions 3–8 are the registering region (GB/T 2260).
/// </summary>
public static class CreditCode
{
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The value of a code character, or −1 when it is not in the alphabet.</summary>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 10,
        >= 'J' and <= 'N' => c - 'J' + 18,
        'P' => 23, 'Q' => 24, 'R' => 25, 'T' => 26, 'U' => 27, 'W' => 28, 'X' => 29, 'Y' => 30,
        _ => -1,
    };

    /// <summary>The check character for the first 17 characters (which must all be in the alphabet).</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("the check character is computed from 17 characters", nameof(first17));
        int sum = 0;
        for (int i = 0; i < 17; i++)
        {
            int v = ValueOf(first17[i]);
            if (v < 0) throw new ArgumentException($"'{first17[i]}' is not a credit-code character", nameof(first17));
            sum += v * Weights[i];
        }
        int check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Appends the check character to 17 characters: a valid code.</summary>
    public static string Complete(ReadOnlySpan<char> first17) => string.Concat(first17, [CheckCharacter(first17)]);

    /// <summary>Null when the code is valid, otherwise a plain sentence saying what is wrong.</summary>
    public static string? Problem(ReadOnlySpan<char> code)
    {
        if (code.Length != 18) return $"\"{code}\" has {code.Length} characters; a credit code has 18";
        for (int i = 0; i < 18; i++)
        {
            char c = code[i];
            if (ValueOf(c) >= 0) continue;
            if (c is >= 'a' and <= 'z') return $"\"{code}\" has a lower-case letter at position {i + 1}; credit codes are upper case";
            return $"\"{code}\" has '{c}' at position {i + 1}, which is not in the credit-code alphabet (0-9 and A-Y without I, O, S, V, Z)";
        }
        char expected = CheckCharacter(code[..17]);
        if (code[17] != expected) return $"\"{code}\" has check character '{code[17]}' but its first 17 characters give '{expected}'";
        return null;
    }

    public static bool IsValid(ReadOnlySpan<char> code) => Problem(code) is null;
}
