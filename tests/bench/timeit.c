/*
 * timeit: run a command, report its wall time and peak memory.
 *
 *   timeit OUT CMD [ARG...]
 *
 * runs CMD with stdout and stderr sent to /dev/null and appends one line
 * "SECONDS MAXRSS_KIB STATUS CPU_SECONDS" to the file OUT.  The time is
 * wall-clock (CLOCK_MONOTONIC) around fork and wait; the CPU time (user
 * plus system) and the peak resident set come from
 * getrusage(RUSAGE_CHILDREN), which covers exactly the one child this
 * program waited for.  CPU time is the steadier figure on a shared machine.  Exit status is 0 unless timeit
 * itself failed, so the caller decides what a failing command means.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int status;
	struct rusage ru;
	if (argc < 3) {
		fprintf(stderr, "usage: timeit OUT CMD [ARG...]\n");
		return 2;
	}
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		return 2;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("timeit: waitpid");
		return 2;
	}
	double t = now() - t0;
	getrusage(RUSAGE_CHILDREN, &ru);
	FILE *out = fopen(argv[1], "a");
	if (!out) {
		perror(argv[1]);
		return 2;
	}
	double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	fprintf(out, "%.6f %ld %d %.6f\n", t, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
	    cpu);
	return fclose(out) != 0 ? 2 : 0;
}
