using Bogus;

namespace CustomerPlatform.Customers.Benchmarks;

internal enum QueryKind
{
    /// <summary>A seeded customer's full name or address with one character changed or dropped.</summary>
    Typo,

    /// <summary>A last name alone with one character changed or dropped.</summary>
    TypoLastName,

    /// <summary>A piece of an address, or a last name alone: may match many customers.</summary>
    Partial,

    /// <summary>An order number, whole or without its last character (the search takes order ids by prefix).</summary>
    Order,
}

/// <summary>What staff type into the search box, and whom they are looking for.</summary>
internal sealed record SearchQuery(QueryKind Kind, string Text, Guid Expected);

internal static class SearchQueries
{
    /// <summary>
    /// 60 % misspelt full names and addresses, 10 % misspelt last names alone, 15 % pieces, 15 % order numbers (when
    /// there are orders to look for).
    /// </summary>
    public static List<SearchQuery> Make(IReadOnlyList<SeededCustomer> customers, IReadOnlyList<(string OrderId, Guid CustomerId)> orders, int count, int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var queries = new List<SearchQuery>(count);
        while (queries.Count < count)
        {
            var roll = faker.Random.Double();
            if (roll < 0.15 && orders.Count > 0)
            {
                var (orderId, customerId) = orders[faker.Random.Int(0, orders.Count - 1)];
                queries.Add(new SearchQuery(QueryKind.Order, faker.Random.Bool() ? orderId : orderId[..^1], customerId));
                continue;
            }

            var customer = customers[faker.Random.Int(0, customers.Count - 1)];
            if (roll < 0.30)
            {
                var local = customer.Email[..customer.Email.IndexOf('@', StringComparison.Ordinal)];
                string piece;
                if (faker.Random.Bool() && local.Length > 5)
                {
                    var length = Math.Min(local.Length, faker.Random.Int(5, 8));
                    piece = local.Substring(faker.Random.Int(0, local.Length - length), length);
                }
                else
                    piece = customer.DisplayName[(customer.DisplayName.LastIndexOf(' ') + 1)..];
                if (piece.Length >= 2)
                    queries.Add(new SearchQuery(QueryKind.Partial, piece, customer.Id));
                continue;
            }

            var lastName = customer.DisplayName[(customer.DisplayName.LastIndexOf(' ') + 1)..];
            if (roll < 0.40 && lastName.Length >= 4)
            {
                queries.Add(new SearchQuery(QueryKind.TypoLastName, Typo(faker, lastName), customer.Id));
                continue;
            }

            var text = faker.Random.Double() < 0.6 ? customer.DisplayName : customer.Email;
            queries.Add(new SearchQuery(QueryKind.Typo, Typo(faker, text), customer.Id));
        }
        return queries;
    }

    /// <summary>One character changed to another letter, or dropped; never the first, where people rarely slip.</summary>
    private static string Typo(Faker faker, string text)
    {
        var at = faker.Random.Int(1, text.Length - 1);
        if (faker.Random.Bool())
            return text.Remove(at, 1);
        char replacement;
        do
            replacement = faker.Random.Char('a', 'z');
        while (char.ToLowerInvariant(text[at]) == replacement);
        return string.Concat(text.AsSpan(0, at), replacement.ToString(), text.AsSpan(at + 1));
    }
}
