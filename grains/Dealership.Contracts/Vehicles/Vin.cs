namespace Dealership.Contracts.Vehicles;

/// <summary>
/// Vehicle identification numbers (ISO 3779; GB 16735 in China): 17 characters, no I, O or Q,
/// and a check digit in position 9 computed from the others.
/// </summary>
public static class Vin
{
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Null if the VIN is valid, else why not.</summary>
    public static string? Problem(string? vin)
    {
        if (string.IsNullOrEmpty(vin))
        {
            return "is required.";
        }

        if (vin.Length != 17)
        {
            return "must be exactly 17 characters.";
        }

        foreach (var c in vin)
        {
            if (c is 'I' or 'O' or 'Q')
            {
                return "must not contain the letters I, O or Q.";
            }

            if (Value(c) < 0)
            {
                return "may contain only digits and capital letters.";
            }
        }

        return vin[8] == CheckDigit(vin) ? null : $"has a wrong check digit (position 9 should be '{CheckDigit(vin)}').";
    }

    public static bool IsValid(string? vin) => Problem(vin) is null;

    /// <summary>The check digit for the 17 characters given (position 9 is ignored).</summary>
    public static char CheckDigit(string vin)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Value(vin[i]) * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => -1,
    };
}
