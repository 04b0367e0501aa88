#pragma once

// tunescout-cli's exit codes, so that scripts can tell what happened.
enum ExitCode {
    Success = 0,
    Failure = 1, // something went wrong, or a check did not pass
    Usage = 2, // the command line (or a value on it) is wrong
    UserActionNeeded = 3, // the user must do something first: set up, sign in, approve
};
