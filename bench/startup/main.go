// Command startup measures how long a server takes from exec to its first
// healthy answer: it starts the command n times, one at a time, and polls
// GET /__admin/health over one TCP connection attempt every 100 µs, then
// prints each start's time in milliseconds and their median.
//
//	startup -n 5 -addr 127.0.0.1:18080 -- bench/out/capsim --addr 127.0.0.1:18080 --log-level warn
//
// With -wait it starts nothing: it polls a server started already (by a
// script that goes on using it, bench/scale.sh) the same way, and exits 0
// once it answers healthy, 1 if it does not within -timeout.
//
//	startup -wait -addr 127.0.0.1:18080
//
// A poll costs a connect and, once one is accepted, a request: unlike a
// shell loop, it forks nothing, so the probe takes next to no CPU from the
// server it measures (bench/load.sh's figure was about 50 ms more with a
// shell probe on 2 cores).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	n := flag.Int("n", 5, "starts")
	addr := flag.String("addr", "127.0.0.1:18080", "the address the command listens on")
	timeout := flag.Duration("timeout", 10*time.Second, "how long one start may take")
	wait := flag.Bool("wait", false, "start nothing: wait for a server started already to answer healthy")
	flag.Parse()
	if *wait {
		if err := waitHealthy(*addr, time.Now(), *timeout); err != nil {
			log.Fatal(err)
		}
		return
	}
	if flag.NArg() == 0 || *n < 1 {
		log.Fatal("usage: startup [-n N] [-addr HOST:PORT] -- COMMAND [ARGS...]")
	}
	var took []float64
	for range *n {
		ms, err := start(flag.Args(), *addr, *timeout)
		if err != nil {
			log.Fatal(err)
		}
		took = append(took, ms)
		fmt.Printf("%.1f\n", ms)
	}
	slices.Sort(took)
	fmt.Printf("median %.1f\n", took[len(took)/2])
}

// start runs args until addr answers healthy, and returns how long that took.
func start(args []string, addr string, timeout time.Duration) (float64, error) {
	t0 := time.Now()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	if err := waitHealthy(addr, t0, timeout); err != nil {
		return 0, err
	}
	return float64(time.Since(t0).Microseconds()) / 1000, nil
}

// waitHealthy polls addr every 100 µs from t0 on until it answers healthy.
func waitHealthy(addr string, t0 time.Time, timeout time.Duration) error {
	for time.Since(t0) < timeout {
		if healthy(addr) {
			return nil
		}
		time.Sleep(100 * time.Microsecond)
	}
	return fmt.Errorf("%s did not answer healthy within %s", addr, timeout)
}

// healthy reports whether GET /__admin/health on addr answers 200.
func healthy(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(time.Second))
	fmt.Fprintf(c, "GET /__admin/health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", addr)
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.Contains(line, " 200 ")
}
