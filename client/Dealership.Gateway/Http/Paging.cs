using Dealership.Contracts.Common;
using Dealership.Gateway.Http;

namespace Dealership.Gateway.Http;

/// <summary>The <c>limit</c> and <c>after</c> query parameters every list takes (default 50, at most 500; <c>after</c> is the previous page's <c>next</c>).</summary>
public static class Paging
{
    /// <summary>The page asked for, or a 400 naming the parameter that is wrong.</summary>
    public static (PageRequest Page, IResult? Bad) Read(int? limit, string? after)
    {
        var (page, errors) = PageRequest.Parse(limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), after);
        return page is null ? (PageRequest.First, Problems.Invalid(errors)) : (page, null);
    }
}
