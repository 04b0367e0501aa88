// Open-loop HTTP load on tunescout-hub over loopback, for T20 (RELIABILITY.md §4.5).
//
// wrk keeps a fixed number of connections busy (closed loop), so it cannot offer a constant rate, and a stalled
// server slows it down instead of piling requests up (coordinated omission). This sends each request at its
// scheduled time on a connection of its own, whatever happened to the ones before, and measures its latency
// from that scheduled time. Phases are NAME:RATE:SECONDS:POST_SHARE; rate 0 is an idle pause. A request is a GET
// of /api/v1/household/week or, with probability POST_SHARE, a sync batch of --batch new plays.
//
// One thread and epoll, no interpreter: on 2 cores shared with the hub and PostgreSQL, a Python asyncio
// generator was itself late by over 100 ms at 1,000 req/s and noticed answers late, so the 503 latency it
// reported was largely its own. Every request is prepared before its phase starts, so what remains per request
// is connect, write, read and a few clock readings.
//
// Prints per phase the answers by status, connection errors, p50/p99 latency, the p99 of the 503 answers (also
// counted from when the request actually went out), how late the generator itself was, and the hub's RSS (from
// /proc) after each phase. Exits 1 when an answer has a status other than 2xx, 429 or 503, when a phase named in
// --no-errors had connection errors or timeouts, or when the RSS went over --max-rss-mib; 2 on bad arguments.

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace
{

using Clock = std::chrono::steady_clock;

constexpr auto requestTimeout = std::chrono::seconds(10);

double milliseconds(Clock::duration duration)
{
    return std::chrono::duration<double, std::milli>(duration).count();
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty()) {
        return std::nan("");
    }
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(fraction * double(values.size())))];
}

double rssMib(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::strtod(line.c_str() + 6, nullptr) / 1024;
        }
    }
    std::fprintf(stderr, "openloop: no VmRSS for process %d (has the hub exited?)\n", int(pid));
    std::exit(1);
}

struct Phase {
    std::string name;
    double rate = 0;
    double seconds = 0;
    double postShare = 0;
    std::map<int, int> statuses;
    std::map<std::string, int> errors;
    std::vector<double> latencies;
    std::vector<double> latencies503;
    std::vector<double> latencies503FromSend;
    std::vector<double> lag;
};

bool parsePhase(const std::string &spec, Phase &phase)
{
    std::array<std::string, 4> fields;
    std::istringstream in(spec);
    for (std::string &field : fields) {
        if (!std::getline(in, field, ':')) {
            return false;
        }
    }
    std::string rest;
    if (std::getline(in, rest) || fields[0].empty()) {
        return false;
    }
    char *end = nullptr;
    double *targets[] = {&phase.rate, &phase.seconds, &phase.postShare};
    for (size_t i = 0; i < 3; ++i) {
        *targets[i] = std::strtod(fields[i + 1].c_str(), &end);
        if (fields[i + 1].empty() || *end != '\0' || *targets[i] < 0) {
            return false;
        }
    }
    phase.name = fields[0];
    return phase.postShare <= 1;
}

class RequestMaker
{
public:
    RequestMaker(const std::string &token, int batch)
        : m_head("Host: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " + token + "\r\n")
        , m_batch(batch)
    {
    }

    std::string make(bool post)
    {
        if (!post) {
            return "GET /api/v1/household/week HTTP/1.1\r\n" + m_head + "\r\n";
        }
        const std::string body = syncBody();
        return "POST /api/v1/sync HTTP/1.1\r\n" + m_head
            + "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    }

    bool coin(double share)
    {
        return std::uniform_real_distribution<double>(0, 1)(m_random) < share;
    }

private:
    std::string uuid()
    {
        std::array<unsigned char, 16> bytes{};
        for (unsigned char &byte : bytes) {
            byte = static_cast<unsigned char>(m_random());
        }
        bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
        bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
        static constexpr char hex[] = "0123456789abcdef";
        std::string text;
        for (size_t i = 0; i < bytes.size(); ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text += '-';
            }
            text += hex[bytes[i] >> 4];
            text += hex[bytes[i] & 0x0f];
        }
        return text;
    }

    // Played a month ago: new plays every time, but the household's week (what the GETs read) stays the same
    // size, so the phases compare.
    std::string syncBody()
    {
        const long long nowMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        const long long monthAgoMs = nowMs - 30LL * 24 * 3600 * 1000;
        std::string body = "{\"items\":[";
        for (int i = 0; i < m_batch; ++i) {
            body += (i ? ",{\"id\":\"" : "{\"id\":\"") + uuid()
                + "\",\"kind\":\"play\",\"payload\":{\"track_name\":\"Open loop " + std::to_string(i)
                + "\",\"played_at_ms\":" + std::to_string(monthAgoMs - 1000LL * i) + "}}";
        }
        return body + "]}";
    }

    std::string m_head;
    int m_batch;
    std::mt19937_64 m_random{std::random_device{}()};
};

struct Connection {
    Clock::time_point scheduled;
    Clock::time_point sent;
    std::string request;
    size_t written = 0;
    std::string answer;
};

class Generator
{
public:
    explicit Generator(int port)
    {
        m_address.sin_family = AF_INET;
        m_address.sin_port = htons(static_cast<uint16_t>(port));
        m_address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0) {
            std::fprintf(stderr, "openloop: epoll_create1: %s\n", std::strerror(errno));
            std::exit(1);
        }
    }
    ~Generator()
    {
        close(m_epoll);
    }
    Generator(const Generator &) = delete;
    Generator &operator=(const Generator &) = delete;

    void run(Phase &phase, std::vector<std::string> requests)
    {
        const Clock::time_point start = Clock::now();
        const auto interval = std::chrono::duration<double>(1 / phase.rate);
        size_t next = 0;
        Clock::time_point lastExpiry = start;
        while (next < requests.size() || !m_open.empty()) {
            const Clock::time_point now = Clock::now();
            while (next < requests.size()) {
                const auto scheduled =
                    start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(next));
                if (scheduled > now) {
                    break;
                }
                open(phase, scheduled, std::move(requests[next]));
                ++next;
            }
            if (now - lastExpiry >= std::chrono::milliseconds(100)) {
                expire(phase, now);
                lastExpiry = now;
            }
            int timeoutMs = 100;
            if (next < requests.size()) {
                const auto due =
                    start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(next));
                // epoll_wait counts in whole milliseconds: wake up at the millisecond the next request is due.
                timeoutMs = int(std::max<Clock::rep>(
                    0,
                    std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count()));
            }
            std::array<epoll_event, 256> events{};
            const int count = epoll_wait(m_epoll, events.data(), int(events.size()), timeoutMs);
            for (int i = 0; i < count; ++i) {
                handle(phase, events[size_t(i)].data.fd, events[size_t(i)].events);
            }
        }
    }

private:
    void open(Phase &phase, Clock::time_point scheduled, std::string request)
    {
        const Clock::time_point sent = Clock::now();
        phase.lag.push_back(milliseconds(sent - scheduled));
        const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            ++phase.errors[strerrorname_np(errno)];
            return;
        }
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, reinterpret_cast<const sockaddr *>(&m_address), sizeof m_address) != 0
            && errno != EINPROGRESS) {
            ++phase.errors[strerrorname_np(errno)];
            close(fd);
            return;
        }
        epoll_event event{};
        event.events = EPOLLOUT;
        event.data.fd = fd;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        m_open.emplace(fd, Connection{scheduled, sent, std::move(request), 0, {}});
    }

    void handle(Phase &phase, int fd, uint32_t events)
    {
        const auto found = m_open.find(fd);
        if (found == m_open.end()) {
            return;
        }
        Connection &connection = found->second;
        if (connection.written < connection.request.size()) {
            int error = 0;
            socklen_t length = sizeof error;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                finish(phase, fd, error);
                return;
            }
            const ssize_t written = send(fd,
                                         connection.request.data() + connection.written,
                                         connection.request.size() - connection.written,
                                         MSG_NOSIGNAL);
            if (written < 0) {
                if (errno != EAGAIN) {
                    finish(phase, fd, errno);
                }
                return;
            }
            connection.written += size_t(written);
            if (connection.written == connection.request.size()) {
                epoll_event event{};
                event.events = EPOLLIN | EPOLLRDHUP;
                event.data.fd = fd;
                epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
            }
            return;
        }
        if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) == 0) {
            return;
        }
        // The hub closes after an answer to Connection: close: read until the end of the stream.
        std::array<char, 16384> buffer{};
        for (;;) {
            const ssize_t received = recv(fd, buffer.data(), buffer.size(), 0);
            if (received > 0) {
                connection.answer.append(buffer.data(), size_t(received));
                continue;
            }
            if (received == 0) {
                finish(phase, fd, 0);
            } else if (errno != EAGAIN) {
                finish(phase, fd, errno);
            }
            return;
        }
    }

    // The connection's outcome: its status if a status line arrived (also when the connection was reset after
    // it), otherwise the error.
    void finish(Phase &phase, int fd, int error)
    {
        const Clock::time_point now = Clock::now();
        const Connection &connection = m_open.at(fd);
        const std::string &answer = connection.answer;
        int status = 0;
        if (answer.rfind("HTTP/1.", 0) == 0 && answer.size() >= 12 && answer.find("\r\n") != std::string::npos) {
            status = std::atoi(answer.c_str() + 9);
        }
        if (status > 0) {
            const double latencyMs = milliseconds(now - connection.scheduled);
            ++phase.statuses[status];
            phase.latencies.push_back(latencyMs);
            if (status == 503) {
                phase.latencies503.push_back(latencyMs);
                phase.latencies503FromSend.push_back(milliseconds(now - connection.sent));
            }
        } else if (error != 0) {
            ++phase.errors[strerrorname_np(error)];
        } else {
            ++phase.errors["incomplete answer"];
        }
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        close(fd);
        m_open.erase(fd);
    }

    void expire(Phase &phase, Clock::time_point now)
    {
        std::vector<int> late;
        for (const auto &[fd, connection] : m_open) {
            if (now - connection.sent > requestTimeout) {
                late.push_back(fd);
            }
        }
        for (const int fd : late) {
            ++phase.errors["timeout"];
            epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            close(fd);
            m_open.erase(fd);
        }
    }

    sockaddr_in m_address{};
    int m_epoll = -1;
    std::unordered_map<int, Connection> m_open;
};

std::string join(const std::vector<std::string> &parts, const char *none)
{
    if (parts.empty()) {
        return none;
    }
    std::string text;
    for (const std::string &part : parts) {
        text += (text.empty() ? "" : " ") + part;
    }
    return text;
}

void report(const Phase &phase, double rss)
{
    if (phase.rate <= 0) {
        std::printf("  %-9s idle %.0f s; hub RSS %.1f MiB\n", phase.name.c_str(), phase.seconds, rss);
        return;
    }
    int sent = 0;
    std::vector<std::string> statuses;
    for (const auto &[status, count] : phase.statuses) {
        statuses.push_back(std::to_string(status) + ':' + std::to_string(count));
        sent += count;
    }
    std::vector<std::string> errors;
    for (const auto &[kind, count] : phase.errors) {
        errors.push_back(kind + ':' + std::to_string(count));
        sent += count;
    }
    std::printf("  %-9s %.0f req/s for %.0f s (%.0f%% sync batches): %d sent; status %s; connection errors %s\n",
                phase.name.c_str(),
                phase.rate,
                phase.seconds,
                phase.postShare * 100,
                sent,
                join(statuses, "-").c_str(),
                join(errors, "none").c_str());
    std::printf("  %-9s p50 %.1f ms, p99 %.1f ms; p99 of the 503s %.1f ms (%.1f ms from sending); generator late by "
                "p99 %.1f ms; hub RSS %.1f MiB\n",
                "",
                percentile(phase.latencies, 0.5),
                percentile(phase.latencies, 0.99),
                percentile(phase.latencies503, 0.99),
                percentile(phase.latencies503FromSend, 0.99),
                percentile(phase.lag, 0.99),
                rss);
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "openloop: %s\nusage: openloop --port PORT --token TOKEN --pid HUB_PID [--batch N] "
                 "[--max-rss-mib MIB] [--no-errors PHASE,…] NAME:RATE:SECONDS:POST_SHARE…\n",
                 why);
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    pid_t pid = 0;
    int batch = 50;
    double maxRssMib = 512;
    std::string token;
    std::set<std::string> mustBeClean;
    std::vector<Phase> phases;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage((argument + " needs a value").c_str());
            }
            return argv[++i];
        };
        if (argument == "--port") {
            port = std::atoi(value().c_str());
        } else if (argument == "--token") {
            token = value();
        } else if (argument == "--pid") {
            pid = std::atoi(value().c_str());
        } else if (argument == "--batch") {
            batch = std::atoi(value().c_str());
        } else if (argument == "--max-rss-mib") {
            maxRssMib = std::strtod(value().c_str(), nullptr);
        } else if (argument == "--no-errors") {
            std::istringstream names(value());
            for (std::string name; std::getline(names, name, ',');) {
                if (!name.empty()) {
                    mustBeClean.insert(name);
                }
            }
        } else if (argument.rfind("--", 0) == 0) {
            usage(("unknown option " + argument).c_str());
        } else {
            Phase phase;
            if (!parsePhase(argument, phase)) {
                usage(
                    ("phase \"" + argument + "\" is not NAME:RATE:SECONDS:POST_SHARE (numbers, share 0 to 1)").c_str());
            }
            phases.push_back(phase);
        }
    }
    if (port <= 0 || port > 65535 || pid <= 0 || token.empty() || batch <= 0 || maxRssMib <= 0 || phases.empty()) {
        usage("--port, --token, --pid and at least one phase are required; --batch and --max-rss-mib must be > 0");
    }
    // Up to rate × 10 s connections are open at once when the hub stalls.
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    RequestMaker maker(token, batch);
    Generator generator(port);
    std::vector<std::string> failures;
    std::printf("  before    hub RSS %.1f MiB\n", rssMib(pid));
    std::fflush(stdout);
    for (Phase &phase : phases) {
        if (phase.rate <= 0) {
            usleep(useconds_t(phase.seconds * 1e6));
        } else {
            std::vector<std::string> requests(size_t(phase.rate * phase.seconds));
            for (std::string &request : requests) {
                request = maker.make(maker.coin(phase.postShare));
            }
            generator.run(phase, std::move(requests));
        }
        const double rss = rssMib(pid);
        report(phase, rss);
        std::fflush(stdout);
        std::string unexpected;
        for (const auto &[status, count] : phase.statuses) {
            if (!((status >= 200 && status < 300) || status == 429 || status == 503)) {
                unexpected += ' ' + std::to_string(status) + ':' + std::to_string(count);
            }
        }
        if (!unexpected.empty()) {
            failures.push_back(phase.name + ": answers with unexpected statuses" + unexpected);
        }
        if (mustBeClean.count(phase.name) != 0 && !phase.errors.empty()) {
            std::string errors;
            for (const auto &[kind, count] : phase.errors) {
                errors += ' ' + kind + ':' + std::to_string(count);
            }
            failures.push_back(phase.name + ": connection errors" + errors);
        }
        if (rss > maxRssMib) {
            char line[128];
            std::snprintf(line, sizeof line, ": hub RSS %.1f MiB is over %.0f MiB", rss, maxRssMib);
            failures.push_back(phase.name + line);
        }
    }
    for (const std::string &failure : failures) {
        std::fprintf(stderr, "FAILED: %s\n", failure.c_str());
    }
    return failures.empty() ? 0 : 1;
}
