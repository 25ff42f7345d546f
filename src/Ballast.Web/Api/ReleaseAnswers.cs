using System.Collections.Concurrent;
using Ballast.Core.Publishing;
using Ballast.Core.Storage;

namespace Ballast.Web.Api;

/// <summary>
/// The answers of <c>GET /api/releases/{period}</c> kept in memory, keyed by the stored release they were made
/// from, the view (published, or unsuppressed for roles with rights to confidential figures), the format and the
/// filter. A stored release never changes once saved, so an answer never goes stale: what changes is which
/// stored release a caller sees (a new version stored, approved or published), and that is decided on every
/// request from <see cref="PublishedReleases.State"/>. A release stored again is a new key. Bounded in count and
/// bytes: when full, everything is dropped and rebuilt on demand (answers cost milliseconds, not seconds).
/// </summary>
public sealed class ReleaseAnswers(IBallastStore store)
{
    /// <summary>Answers kept at most.</summary>
    public const int Capacity = 4096;

    /// <summary>Bytes of answers kept at most (a whole release as XLSX or JSON is megabytes).</summary>
    public const long ByteCapacity = 256L * 1024 * 1024;

    /// <summary>Unsuppressed rows of stored releases kept at most (a release is thousands of rows).</summary>
    public const int RowCapacity = 16;

    private readonly record struct Key(StoredRelease Release, bool PublishedView, ReleaseFormat Format, string Breakdown, string Cell, string Measure);

    /// <summary>One answer: the bytes in the format and how many rows they hold.</summary>
    public sealed record Answer(byte[] Bytes, int Rows);

    private readonly ConcurrentDictionary<Key, Lazy<Answer>> _answers = new();
    private readonly ConcurrentDictionary<StoredRelease, Lazy<IReadOnlyList<StoredReleaseRow>>> _rows = new();
    private long _bytes;

    /// <summary>
    /// The answer for a release in a view: built from <paramref name="publishedRows"/> (the published view) or from
    /// the stored unsuppressed rows, filtered and written once, then kept.
    /// </summary>
    public Answer Get(StoredRelease release, IReadOnlyList<StoredReleaseRow>? publishedRows, ReleaseFormat format,
        string? breakdown, string? cell, string? measure, DateTimeOffset prepared)
    {
        ArgumentNullException.ThrowIfNull(release);
        var key = new Key(release, publishedRows is not null, format, breakdown ?? "", cell ?? "", measure ?? "");
        if (_answers.Count >= Capacity || Interlocked.Read(ref _bytes) >= ByteCapacity)
        {
            _answers.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
        return _answers.GetOrAdd(key, k => new Lazy<Answer>(() =>
        {
            var rows = ReleasesApi.Filter(publishedRows ?? Rows(release), k.Breakdown, k.Cell, k.Measure);
            var answer = new Answer(ReleaseOutput.Bytes(k.Format, release.Period, rows, prepared), rows.Count);
            Interlocked.Add(ref _bytes, answer.Bytes.Length);
            return answer;
        })).Value;
    }

    /// <summary>The unsuppressed rows of a stored release, read once.</summary>
    public IReadOnlyList<StoredReleaseRow> Rows(StoredRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        if (_rows.Count >= RowCapacity) _rows.Clear();
        return _rows.GetOrAdd(release, r => new Lazy<IReadOnlyList<StoredReleaseRow>>(() => store.ReleaseRows(r.Id))).Value;
    }
}
