namespace Ballast.Core.Storage;

/// <summary>
/// The store cannot be opened or used: unreachable server, refused login, bad address, a file that is not a
/// Ballast store, a store written by a newer Ballast. The message is meant for users, as it stands.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException(string message) : base(message) { }
    public StoreException(string message, Exception inner) : base(message, inner) { }
}
